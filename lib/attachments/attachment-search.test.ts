import { tool } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { withAttachmentSearch } from "./attachment-search";
import { prepareAttachments } from "./prepare-attachments";
import { RunAttachments } from "./run-attachments";

const notes = "# Notes\n\nThe ferry to Vlieland leaves at 07:45 every weekday.\n\nTickets cost 31 euros.";
const messages: ChatMessage[] = [
  {
    id: "m1",
    role: "user",
    parts: [
      {
        type: "file",
        mediaType: "text/markdown",
        filename: "ferry.md",
        url: `data:text/markdown;base64,${Buffer.from(notes).toString("base64")}`,
      },
      { type: "text", text: "When does the ferry leave?" },
    ],
  },
];

function knowledgeBase(execute: () => Promise<{ passages: object[]; notice?: string }>) {
  return tool({
    description: "Searches the knowledge base.",
    inputSchema: z.object({
      query: z.string(),
      k: z.number().optional(),
      documents: z.array(z.string()).optional(),
    }),
    execute,
  });
}

const options = { toolCallId: "call-1", messages: [], context: {} as never };

describe("withAttachmentSearch", () => {
  it("returns attached passages first, marked, then the knowledge base's", async () => {
    const search = withAttachmentSearch(
      knowledgeBase(async () => ({ passages: [{ documentName: "handbook.md", text: "Unrelated." }] })),
      await prepareAttachments(messages),
    );
    expect(search.description).toContain("“ferry.md”");
    const result = (await search.execute?.({ query: "when does the ferry leave", k: 3 }, options)) as {
      passages: Array<Record<string, unknown>>;
    };
    expect(result.passages[0]).toMatchObject({
      documentId: "attachment-1",
      documentName: "ferry.md",
      attached: true,
    });
    expect(result.passages[0].text).toContain("07:45");
    expect(result.passages.at(-1)).toEqual({ documentName: "handbook.md", text: "Unrelated." });
  });

  it("searches only the attachments named in documents", async () => {
    const search = withAttachmentSearch(
      knowledgeBase(async () => ({ passages: [] })),
      await prepareAttachments(messages),
    );
    const other = (await search.execute?.({ query: "ferry", documents: ["report.pdf"] }, options)) as {
      passages: unknown[];
    };
    expect(other.passages).toEqual([]);
    const named = (await search.execute?.({ query: "ferry", documents: ["FERRY.md"] }, options)) as {
      passages: unknown[];
    };
    expect(named.passages).toHaveLength(1);
  });

  it("keeps the attached passages and says so when the knowledge base search fails", async () => {
    const search = withAttachmentSearch(
      knowledgeBase(async () => {
        throw new Error("the embedding server is down");
      }),
      await prepareAttachments(messages),
    );
    expect(await search.execute?.({ query: "ferry tickets" }, options)).toMatchObject({
      passages: [{ documentName: "ferry.md" }],
      notice: expect.stringContaining("the embedding server is down"),
    });
    await expect(search.execute?.({ query: "zebra" }, options)).rejects.toThrow(
      "the embedding server is down",
    );
  });

  it("leaves the tool as it is without attachments", () => {
    const original = knowledgeBase(async () => ({ passages: [] }));
    expect(withAttachmentSearch(original, RunAttachments.none())).toBe(original);
    expect(withAttachmentSearch(original, undefined)).toBe(original);
  });
});
