import { tool } from "ai";
import { z } from "zod";
import { searchKnowledgeBase } from "@/lib/kb/search";

const maxPassageLength = 1200;

/**
 * `search_knowledge_base`: hybrid (meaning + words) search over the user's uploaded documents.
 * Each passage names its document, page and position so the answer can cite it.
 */
export const searchKnowledgeBaseTool = tool({
  description: [
    "Searches the user's uploaded documents (PDF, Word, HTML, Markdown, text) by meaning and by keywords",
    "and returns the best passages, each with its document name, page (PDFs) and heading, best first.",
    "Use a focused query with the key terms of the question; search again with other words if needed.",
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
  }),
  execute: async ({ query, k }, { abortSignal }) => {
    const passages = await searchKnowledgeBase({ query, k, abortSignal });
    return {
      passages: passages.map((passage) => ({
        documentId: passage.documentId,
        documentName: passage.documentName,
        page: passage.page,
        chunkIndex: passage.chunkIndex,
        heading: passage.heading,
        text: trimPassage(passage.text),
        score: Number(passage.score.toFixed(4)),
      })),
    };
  },
});

function trimPassage(text: string): string {
  return text.length <= maxPassageLength ? text : `${text.slice(0, maxPassageLength).trimEnd()}…`;
}
