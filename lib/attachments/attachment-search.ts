import type { ToolExecutionOptions } from "ai";
import type { RunAttachments } from "./run-attachments";

type SearchInput = { query: string; k?: number; documents?: string[] };
type SearchOutput = { passages: object[]; notice?: string };
/** The parts of the search tool this wrapper relies on. */
type SearchTool = {
  description?: unknown;
  execute?: (input: SearchInput, options: ToolExecutionOptions<never>) => unknown;
};

const maxPassageLength = 1200;
const defaultPassages = 5;

function trim(text: string): string {
  return text.length <= maxPassageLength ? text : `${text.slice(0, maxPassageLength).trimEnd()}…`;
}

/** The attachment passages for one search, shaped like knowledge-base passages and marked `attached`. */
function findAttachmentPassages(attachments: RunAttachments, input: SearchInput) {
  const wanted = input.documents?.map((name) => name.toLowerCase());
  const limit = input.k ?? defaultPassages;
  return attachments
    .search(input.query, attachments.all.length * 50)
    .filter(
      (passage) =>
        !wanted || wanted.includes(passage.name.toLowerCase()) || wanted.includes(passage.attachmentId),
    )
    .slice(0, limit)
    .map((passage) => ({
      documentId: passage.attachmentId,
      documentName: passage.name,
      page: passage.page,
      chunkIndex: passage.chunkIndex,
      heading: passage.heading,
      text: trim(passage.text),
      score: Number(passage.score.toFixed(4)),
      attached: true,
    }));
}

/**
 * Makes `search_knowledge_base` search the files attached to the conversation as well, from the
 * request's in-memory passage index (they never join the knowledge base). Their passages come first,
 * marked `attached: true`. Without attachments the tool is returned as it is.
 */
export function withAttachmentSearch<SEARCH extends SearchTool>(
  searchTool: SEARCH,
  attachments: RunAttachments | undefined,
): SEARCH {
  const execute = searchTool.execute;
  if (!attachments || attachments.isEmpty || !execute) return searchTool;
  const names = attachments.all.map((attachment) => `“${attachment.name}”`).join(", ");
  const description =
    typeof searchTool.description === "string"
      ? `${searchTool.description} It also searches the files attached to this conversation (${names}); their passages come first and are marked attached.`
      : searchTool.description;
  return {
    ...searchTool,
    description,
    execute: async (input: SearchInput, options: ToolExecutionOptions<never>) => {
      const attached = findAttachmentPassages(attachments, input);
      let result: SearchOutput;
      try {
        result = (await execute(input, options)) as SearchOutput;
      } catch (error) {
        if (options.abortSignal?.aborted || attached.length === 0) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        return {
          passages: attached,
          notice: `Only the attached files were searched: the knowledge base search failed (${reason}).`,
        };
      }
      return { ...result, passages: [...attached, ...result.passages] };
    },
  } as SEARCH;
}
