import type { UIMessage, UIMessageStreamWriter } from "ai";
import type { ChatMessage } from "@/lib/chat/chat-message";

interface PassageOutput {
  passages?: Array<{ documentId: string; documentName: string; page?: number | null; chunkIndex: number }>;
}

interface PageOutput {
  url?: string;
  title?: string;
}

/**
 * Lifts the sources a sub-agent used (knowledge-base passages, visited pages) into source parts
 * of the answer, so that citations survive delegation and show under the manager's answer.
 */
export function writeSourcesFromSubAgent(
  writer: UIMessageStreamWriter<ChatMessage>,
  message: UIMessage | undefined,
) {
  const seen = new Set<string>();
  for (const part of message?.parts ?? []) {
    if (!("state" in part) || part.state !== "output-available" || !("output" in part)) continue;
    if (part.type === "tool-search_knowledge_base") {
      for (const passage of (part.output as PassageOutput).passages ?? []) {
        const sourceId = `document:${passage.documentId}`;
        if (seen.has(sourceId)) continue;
        seen.add(sourceId);
        writer.write({
          type: "source-document",
          sourceId,
          mediaType: "text/plain",
          title: passage.page ? `${passage.documentName}, page ${passage.page}` : passage.documentName,
          filename: passage.documentName,
        });
      }
    }
    if (part.type === "tool-visit_webpage") {
      const page = part.output as PageOutput;
      if (!page.url || seen.has(page.url)) continue;
      seen.add(page.url);
      writer.write({ type: "source-url", sourceId: page.url, url: page.url, title: page.title });
    }
  }
}
