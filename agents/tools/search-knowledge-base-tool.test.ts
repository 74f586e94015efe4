import { describe, expect, it } from "vitest";
import { ingestUpload } from "@/lib/kb/ingest";
import { waitForIngestion } from "@/lib/kb/ingestion-jobs";
import { makeFile, useKnowledgeBaseDirectory } from "@/lib/kb/test-fixtures";
import { searchKnowledgeBaseTool } from "./search-knowledge-base-tool";

async function runTool(input: { query: string; k?: number }) {
  const execute = searchKnowledgeBaseTool.execute;
  if (!execute) throw new Error("the tool has no execute function");
  return execute(input, { toolCallId: "call-1", messages: [], context: {} } as never);
}

describe("search_knowledge_base", () => {
  useKnowledgeBaseDirectory();

  it("validates its input: a query, and k from 1 to 20", () => {
    const schema = searchKnowledgeBaseTool.inputSchema as unknown as {
      safeParse: (value: unknown) => { success: boolean };
    };
    expect(schema.safeParse({ query: "budget" }).success).toBe(true);
    expect(schema.safeParse({ query: "budget", k: 21 }).success).toBe(false);
    expect(schema.safeParse({ query: "  " }).success).toBe(false);
  });

  it("returns cited passages, trimming long ones", async () => {
    const long = `# Ferry Timetable\n\nThe first ferry to Skerry Island leaves at 7:15. ${"More timetable details. ".repeat(80)}`;
    const { documents } = await ingestUpload([makeFile("ferry.md", long)]);
    await waitForIngestion(documents[0].id);
    const { passages } = (await runTool({ query: "first ferry to Skerry Island", k: 3 })) as {
      passages: Array<{
        documentName: string;
        text: string;
        heading: string;
        chunkIndex: number;
        score: number;
      }>;
    };
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.length).toBeLessThanOrEqual(3);
    expect(passages[0]).toMatchObject({
      documentId: documents[0].id,
      documentName: "ferry.md",
      heading: "Ferry Timetable",
      page: null,
      chunkIndex: 0,
    });
    expect(passages[0].text).toContain("7:15");
    for (const passage of passages) expect(passage.text.length).toBeLessThanOrEqual(1201);
  });

  it("returns an empty list when nothing was uploaded", async () => {
    expect(await runTool({ query: "anything" })).toEqual({ passages: [] });
  });
});
