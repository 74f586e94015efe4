import { describe, expect, it } from "vitest";
import { ingestUpload } from "@/lib/kb/ingest";
import { waitForIngestion } from "@/lib/kb/ingestion-jobs";
import { makeFile, useKnowledgeBaseDirectory } from "@/lib/kb/test-fixtures";
import { searchKnowledgeBaseTool } from "./search-knowledge-base-tool";

interface ToolPassage {
  documentId: string;
  documentName: string;
  page: number | null;
  chunkIndex: number;
  heading: string | null;
  text: string;
  score: number;
  url: string;
}

async function runTool(input: { query: string; k?: number; documents?: string[] }) {
  const execute = searchKnowledgeBaseTool.execute;
  if (!execute) throw new Error("the tool has no execute function");
  return (await execute(input, { toolCallId: "call-1", messages: [], context: {} } as never)) as {
    passages: ToolPassage[];
    notice?: string;
  };
}

async function ingest(files: File[]) {
  const { documents } = await ingestUpload(files);
  for (const document of documents) await waitForIngestion(document.id);
  return documents;
}

describe("search_knowledge_base", () => {
  useKnowledgeBaseDirectory();

  it("validates its input: a query, k from 1 to 20, and optional documents", () => {
    const schema = searchKnowledgeBaseTool.inputSchema as unknown as {
      safeParse: (value: unknown) => { success: boolean };
    };
    expect(schema.safeParse({ query: "budget" }).success).toBe(true);
    expect(schema.safeParse({ query: "budget", k: 21 }).success).toBe(false);
    expect(schema.safeParse({ query: "  " }).success).toBe(false);
    expect(schema.safeParse({ query: "budget", documents: ["report.pdf"] }).success).toBe(true);
    expect(schema.safeParse({ query: "budget", documents: [] }).success).toBe(false);
  });

  it("returns cited passages with document id, name, page, position and link, trimming long ones", async () => {
    const long = `# Ferry Timetable\n\nThe first ferry to Skerry Island leaves at 7:15. ${"More timetable details. ".repeat(80)}`;
    const [document] = await ingest([makeFile("ferry.md", long)]);
    const { passages } = await runTool({ query: "first ferry to Skerry Island", k: 3 });
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.length).toBeLessThanOrEqual(3);
    expect(passages[0]).toMatchObject({
      documentId: document.id,
      documentName: "ferry.md",
      heading: "Ferry Timetable",
      page: null,
      chunkIndex: 0,
      url: `/knowledge/${document.id}?passage=0#chunk-0`,
    });
    expect(passages[0].text).toContain("7:15");
    for (const passage of passages) expect(passage.text.length).toBeLessThanOrEqual(1201);
  });

  it("searches only the documents named, by file name or id, and says which names match nothing", async () => {
    const [ferry, bells] = await ingest([
      makeFile("ferry.md", "# Ferry\n\nThe ferry bell rings at noon."),
      makeFile("bells.md", "# Bells\n\nThe church bell rings at noon on Sundays."),
    ]);
    const byName = await runTool({ query: "bell rings at noon", documents: ["BELLS.md"] });
    expect(byName.passages.map((passage) => passage.documentId)).toEqual([bells.id]);
    const byId = await runTool({ query: "bell rings at noon", documents: [ferry.id] });
    expect(byId.passages.map((passage) => passage.documentId)).toEqual([ferry.id]);
    const unknown = await runTool({ query: "bell", documents: ["missing.pdf"] });
    expect(unknown.passages).toEqual([]);
    expect(unknown.notice).toContain("“missing.pdf”");
    expect(unknown.notice).toContain("“ferry.md”");
  });

  it("returns an empty list when nothing was uploaded", async () => {
    expect(await runTool({ query: "anything" })).toEqual({ passages: [] });
  });
});
