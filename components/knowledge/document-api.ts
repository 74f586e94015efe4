import type { KnowledgeDocument, KnowledgeIndexStatus } from "@/lib/kb/document-types";

/** What the document routes answer. */
export interface DocumentsResponse {
  documents?: KnowledgeDocument[];
  document?: KnowledgeDocument;
  index?: KnowledgeIndexStatus;
  messages?: string[];
  error?: string;
}

/**
 * Calls a document route and returns its JSON body; a failure throws an Error with the server's
 * message (which says what is wrong and what to do).
 */
export async function callDocumentsApi(path: string, init?: RequestInit): Promise<DocumentsResponse> {
  const response = await fetch(path, { cache: "no-store", ...init });
  let body: DocumentsResponse = {};
  if (response.status !== 204) {
    try {
      body = (await response.json()) as DocumentsResponse;
    } catch {
      // A body that is not JSON (a proxy's error page) still fails below with the status.
      body = {};
    }
  }
  if (!response.ok)
    throw new Error(body.error ?? `The server answered ${response.status} ${response.statusText}.`);
  return body;
}

/** Replaces documents by id and puts new ones first. */
export function upsertDocuments(
  current: KnowledgeDocument[],
  incoming: KnowledgeDocument[],
): KnowledgeDocument[] {
  const incomingIds = new Set(incoming.map((document) => document.id));
  return [...incoming, ...current.filter((document) => !incomingIds.has(document.id))];
}
