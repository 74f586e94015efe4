import { tool } from "ai";
import { z } from "zod";
import { findDocumentIds } from "@/lib/kb/document-filter";
import { passageUrl } from "@/lib/kb/passage-url";
import { searchKnowledgeBase } from "@/lib/kb/search";

const maxPassageLength = 1200;

/**
 * `search_knowledge_base`: hybrid (meaning + words) search over the user's uploaded documents,
 * optionally within some documents. Each passage names its document, page and position (and the
 * app link that opens it) so the answer can cite it.
 */
export const searchKnowledgeBaseTool = tool({
  description: [
    "Searches the user's uploaded documents (PDF, Word, HTML, Markdown, text) by meaning and by keywords",
    "and returns the best passages, best first, each with its documentId, document name, page (PDFs),",
    "position (chunkIndex) and heading. Use a focused query with the key terms of the question; search",
    "again with other words if needed. To search only some documents, pass their names or documentIds.",
    "An empty list means nothing relevant was found (or no documents were uploaded).",
  ].join(" "),
  inputSchema: z.object({
    query: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .describe("What to look for: a question or key words, e.g. `lighthouse budget 2024`."),
    k: z
      .number()
      .int()
      .min(1)
      .max(20)
      .optional()
      .describe("How many passages to return, from 1 to 20 (default 5)."),
    documents: z
      .array(z.string().trim().min(1).max(300))
      .min(1)
      .max(20)
      .optional()
      .describe(
        "Only search these documents: file names (e.g. `report.pdf`) or documentIds from earlier results.",
      ),
  }),
  execute: async ({ query, k, documents }, { abortSignal }) => {
    const filter = documents ? await findDocumentIds(documents) : undefined;
    if (filter && filter.documentIds.length === 0) return { passages: [], notice: filter.notice };
    const result = await searchKnowledgeBase({ query, k, documentIds: filter?.documentIds, abortSignal });
    const notice = [filter?.notice, result.notice].filter(Boolean).join(" ") || undefined;
    return {
      passages: result.passages.map((passage) => ({
        documentId: passage.documentId,
        documentName: passage.documentName,
        page: passage.page,
        chunkIndex: passage.chunkIndex,
        heading: passage.heading,
        text: trimPassage(passage.text),
        score: Number(passage.score.toFixed(4)),
        url: passageUrl(passage.documentId, passage.chunkIndex),
      })),
      ...(notice ? { notice } : {}),
    };
  },
});

function trimPassage(text: string): string {
  return text.length <= maxPassageLength ? text : `${text.slice(0, maxPassageLength).trimEnd()}…`;
}
