import { type APIRequestContext, expect } from "@playwright/test";
import type { KnowledgeDocument, KnowledgeIndexStatus } from "../../lib/kb/document-types";
import { ChatApi, type KnowledgeSearchOutput, knowledgeSearchesOf } from "./chat-api";

/** The knowledge base as an API client sees it: documents, their passages, the index, and a search. */
export class KnowledgeApi {
  constructor(readonly request: APIRequestContext) {}

  async documents(): Promise<{ documents: KnowledgeDocument[]; index: KnowledgeIndexStatus }> {
    const response = await this.request.get("/api/documents");
    expect(response.status()).toBe(200);
    return response.json();
  }

  async document(id: string): Promise<KnowledgeDocument> {
    const response = await this.request.get(`/api/documents/${id}`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as { document: KnowledgeDocument }).document;
  }

  async passages(id: string): Promise<Array<{ chunkIndex: number; text: string }>> {
    const response = await this.request.get(`/api/documents/${id}/passages`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as { passages: Array<{ chunkIndex: number; text: string }> }).passages;
  }

  async indexStatus(): Promise<KnowledgeIndexStatus> {
    return (await this.documents()).index;
  }

  /** Asks the chat about the documents and returns the retriever agent's one knowledge-base search. */
  async searchThroughChat(question: string): Promise<KnowledgeSearchOutput> {
    const searches = knowledgeSearchesOf(await new ChatApi(this.request).ask(question));
    expect(searches).toHaveLength(1);
    return searches[0];
  }
}
