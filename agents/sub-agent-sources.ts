import type { UIMessage, UIMessageStreamWriter } from "ai";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { type CitablePassage, resolveCitations } from "@/lib/kb/citations";
import { passageUrl } from "@/lib/kb/passage-url";

interface PassageOutput {
  passages?: CitablePassage[];
}

interface PageOutput {
  url?: string;
  title?: string;
}

/**
 * What a knowledge-base source carries in its `providerMetadata.knowledgeBase`: its reference number
 * and the passage to open (none for a file attached to the conversation, which is not stored).
 */
export interface KnowledgeSourceMetadata {
  reference: number;
  documentId: string;
  chunkIndex: number;
  page: number | null;
  heading: string | null;
  url?: string;
  attached?: boolean;
}

/**
 * Lifts the sources a sub-agent used (knowledge-base passages, visited pages) into source parts
 * of the answer, so that citations survive delegation and show under the manager's answer. Each
 * numbered reference of the sub-agent's answer becomes a `source-document` whose metadata holds its
 * number and the link that opens the cited passage (`/knowledge/<id>?passage=<n>#chunk-<n>`).
 */
export function writeSourcesFromSubAgent(
  writer: UIMessageStreamWriter<ChatMessage>,
  message: UIMessage | undefined,
) {
  const passages: CitablePassage[] = [];
  const pages = new Map<string, PageOutput>();
  for (const part of message?.parts ?? []) {
    if (!("state" in part) || part.state !== "output-available" || !("output" in part)) continue;
    if (part.type === "tool-search_knowledge_base")
      passages.push(...((part.output as PassageOutput).passages ?? []));
    const page = part.output as PageOutput;
    if (part.type === "tool-visit_webpage" && page.url) pages.set(page.url, page);
  }
  const answer = message?.parts.findLast((part) => part.type === "text");
  for (const { number, passage } of resolveCitations(answer?.type === "text" ? answer.text : "", passages)) {
    const metadata: KnowledgeSourceMetadata = {
      reference: number,
      documentId: passage.documentId,
      chunkIndex: passage.chunkIndex,
      page: passage.page ?? null,
      heading: passage.heading ?? null,
      ...(passage.attached
        ? { attached: true }
        : { url: passageUrl(passage.documentId, passage.chunkIndex) }),
    };
    writer.write({
      type: "source-document",
      sourceId: `document:${passage.documentId}`,
      mediaType: "text/plain",
      title: passage.page ? `${passage.documentName}, page ${passage.page}` : passage.documentName,
      filename: passage.documentName,
      providerMetadata: { knowledgeBase: { ...metadata } },
    });
  }
  for (const page of pages.values()) {
    writer.write({
      type: "source-url",
      sourceId: page.url as string,
      url: page.url as string,
      title: page.title,
    });
  }
}
