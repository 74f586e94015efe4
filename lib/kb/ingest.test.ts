import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resetEnvironmentForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { insertDocumentRow } from "./document-rows";
import { deleteDocument, getDocument, listDocuments } from "./documents";
import { ingestUpload } from "./ingest";
import { waitForIngestion } from "./ingestion-jobs";
import { forgetProcessSingleton } from "./process-singleton";
import { searchKnowledgeBase } from "./search";
import { countChunks, openChunksTable } from "./store";
import { buildDocx, buildPdf, makeFile, useKnowledgeBaseDirectory } from "./test-fixtures";

const lighthouse = `# Lighthouse Keeping

The keeper climbs the tower every evening to light the lamp.

${Array.from({ length: 20 }, (_, index) => `Evening routine step ${index + 1}: trim the wick and polish the lens.`).join(" ")}

## Budget

The annual lighthouse budget is 42 gold crowns, paid by the harbour council each spring.`;

const treaty = `<!doctype html><html><head><title>History notes</title></head><body><article>
<h1>Treaty of Westphalia</h1>
<p>The Peace of Westphalia was signed in 1648 and ended the Thirty Years' War across central Europe.</p>
<p>Historians often describe it as the origin of the modern idea of state sovereignty in diplomacy.</p>
</article></body></html>`;

async function ingestAndWait(files: File[]) {
  const result = await ingestUpload(files);
  const finished = await Promise.all(result.documents.map((document) => waitForIngestion(document.id)));
  return { ...result, finished };
}

async function refusal(files: File[]): Promise<AppError> {
  const error = await ingestUpload(files).then(
    () => new Error("the upload was accepted"),
    (thrown: unknown) => thrown,
  );
  if (error instanceof AppError) return error;
  throw error;
}

describe("ingestUpload and searchKnowledgeBase", () => {
  const data = useKnowledgeBaseDirectory();

  it("returns no passages before anything was ingested", async () => {
    expect(await searchKnowledgeBase({ query: "anything at all" })).toEqual([]);
  });

  it("ingests PDF, DOCX, HTML and Markdown, then finds the passage that states a fact", async () => {
    const pdf = buildPdf([
      ["Chapter one is about sailing ships."],
      ["The observatory telescope has a mirror of 2.4 metres diameter."],
    ]);
    const docx = await buildDocx([
      { text: "Bakery Recipes", heading: 1 },
      { text: "Sourdough needs a starter fed with rye flour twice a day." },
    ]);
    const { documents, finished } = await ingestAndWait([
      makeFile("lighthouse.md", lighthouse),
      makeFile("observatory.pdf", pdf),
      makeFile("recipes.docx", docx),
      makeFile("history.html", treaty),
    ]);
    expect(documents.map((document) => document.status)).toEqual([
      "processing",
      "processing",
      "processing",
      "processing",
    ]);
    for (const document of finished) {
      expect(document).toMatchObject({ status: "ready", progress: 1, stage: null, error: null });
      expect(document?.chunks).toBeGreaterThan(0);
      expect(await countChunks(document?.id)).toBe(document?.chunks);
    }

    const [budget] = await searchKnowledgeBase({ query: "How much is the lighthouse budget?" });
    expect(budget).toMatchObject({ documentName: "lighthouse.md", heading: "Budget", page: null });
    expect(budget.text).toContain("42 gold crowns");

    const [mirror] = await searchKnowledgeBase({ query: "telescope mirror diameter" });
    expect(mirror).toMatchObject({ documentName: "observatory.pdf", page: 2 });

    const [sourdough] = await searchKnowledgeBase({ query: "what flour feeds the sourdough starter" });
    expect(sourdough).toMatchObject({ documentName: "recipes.docx", heading: "Bakery Recipes" });

    const [westphalia] = await searchKnowledgeBase({
      query: "When was the peace of Westphalia signed?",
      k: 2,
    });
    expect(westphalia.documentName).toBe("history.html");
  });

  it("ranks the only document that contains the question's words first, and limits to k", async () => {
    await ingestAndWait([
      makeFile("lighthouse.md", lighthouse),
      makeFile("history.html", treaty),
      makeFile("glossary.txt", "A zorblatt is the brass fitting that holds the lamp wick in old lanterns."),
    ]);
    const index = await (await openChunksTable())?.indexStats("text_idx");
    expect(index).toMatchObject({ indexType: "FTS", numUnindexedRows: 0 });
    const passages = await searchKnowledgeBase({ query: "zorblatt", k: 2 });
    expect(passages.length).toBeLessThanOrEqual(2);
    expect(passages[0].documentName).toBe("glossary.txt");
    expect(passages[0].score).toBeGreaterThan(passages[1]?.score ?? 0);
    const restricted = await searchKnowledgeBase({
      query: "zorblatt",
      documentIds: [(await listDocuments()).find((document) => document.name === "lighthouse.md")?.id ?? ""],
    });
    expect(restricted.every((passage) => passage.documentName === "lighthouse.md")).toBe(true);
  });

  it("returns the existing document for an identical upload instead of a duplicate", async () => {
    const first = await ingestAndWait([makeFile("lighthouse.md", lighthouse)]);
    const second = await ingestUpload([makeFile("copy of lighthouse.md", lighthouse)]);
    expect(second.documents[0].id).toBe(first.documents[0].id);
    expect(second.messages[0]).toContain("already in the knowledge base");
    expect(await listDocuments()).toHaveLength(1);
  });

  it("deletes a document with its chunks and its original", async () => {
    const { documents } = await ingestAndWait([
      makeFile("lighthouse.md", lighthouse),
      makeFile("history.html", treaty),
    ]);
    const [kept, removed] = documents;
    const original = path.join(data.directory(), "originals", removed.id);
    expect(existsSync(original)).toBe(true);
    await deleteDocument(removed.id);
    expect(await countChunks(removed.id)).toBe(0);
    expect(await countChunks(kept.id)).toBeGreaterThan(0);
    expect(existsSync(original)).toBe(false);
    await expect(getDocument(removed.id)).rejects.toMatchObject({ status: 404 });
    const passages = await searchKnowledgeBase({ query: "Westphalia 1648" });
    expect(passages.every((passage) => passage.documentId === kept.id)).toBe(true);
  });

  it("deletes a document that is still processing without leaving chunks behind", async () => {
    const { documents } = await ingestUpload([makeFile("lighthouse.md", lighthouse)]);
    await deleteDocument(documents[0].id);
    expect(await waitForIngestion(documents[0].id)).toBeUndefined();
    expect(await countChunks(documents[0].id)).toBe(0);
    expect(await listDocuments()).toEqual([]);
  });

  it("stores nothing when any file of an upload is refused", async () => {
    const program = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]);
    const error = await refusal([
      makeFile("lighthouse.md", lighthouse),
      makeFile("../../invoice.pdf", program),
    ]);
    expect(error.status).toBe(415);
    expect(error.message).toContain("“invoice.pdf”");
    expect(await listDocuments()).toEqual([]);
    expect(existsSync(path.join(data.directory(), "originals"))).toBe(false);
    expect(await openChunksTable()).toBeUndefined();
  });

  it("refuses a file over MAX_UPLOAD_BYTES with 413 and an empty file with 400", async () => {
    process.env.MAX_UPLOAD_BYTES = "100";
    resetEnvironmentForTests();
    try {
      expect((await refusal([makeFile("big.txt", "x".repeat(101))])).status).toBe(413);
    } finally {
      delete process.env.MAX_UPLOAD_BYTES;
      resetEnvironmentForTests();
    }
    expect((await refusal([makeFile("empty.txt", "")])).status).toBe(400);
    expect((await refusal([])).status).toBe(400);
  });

  it("leaves no chunks when indexing fails after the rows were added", async () => {
    await ingestAndWait([makeFile("lighthouse.md", lighthouse)]);
    const table = await openChunksTable();
    const prototype = Object.getPrototypeOf(table) as { optimize: () => Promise<unknown> };
    const original = prototype.optimize;
    prototype.optimize = () => Promise.reject(new Error("disk full"));
    try {
      const { finished } = await ingestAndWait([makeFile("history.html", treaty)]);
      expect(finished[0]).toMatchObject({ status: "failed", chunks: 0, stage: null });
      expect(finished[0]?.error).toContain("disk full");
      expect(await countChunks(finished[0]?.id)).toBe(0);
    } finally {
      prototype.optimize = original;
    }
    const passages = await searchKnowledgeBase({ query: "Westphalia 1648", k: 10 });
    expect(passages.every((passage) => passage.documentName === "lighthouse.md")).toBe(true);
  });

  it("accepts a failed document's content again on a new upload", async () => {
    const table = await ingestAndWait([makeFile("lighthouse.md", lighthouse)]).then(() => openChunksTable());
    const prototype = Object.getPrototypeOf(table) as { add: () => Promise<unknown> };
    const original = prototype.add;
    prototype.add = () => Promise.reject(new Error("write refused"));
    let failedId: string;
    try {
      failedId = (await ingestAndWait([makeFile("history.html", treaty)])).documents[0].id;
    } finally {
      prototype.add = original;
    }
    const retry = await ingestAndWait([makeFile("history.html", treaty)]);
    expect(retry.messages).toEqual([]);
    expect(retry.finished[0]).toMatchObject({ status: "ready" });
    expect((await listDocuments()).map((document) => document.id)).not.toContain(failedId);
  });

  it("marks documents left processing by a previous server as failed", async () => {
    insertDocumentRow(
      {
        id: "0b7d3c52-52d7-4c86-9f0f-4d1f2f2a1a11",
        name: "stale.md",
        mediaType: "text/markdown",
        size: 10,
        contentHash: "abc",
        pages: null,
        chunks: 1,
      },
      0.5,
    );
    forgetProcessSingleton("kb.recovered");
    const [stale] = await listDocuments();
    expect(stale).toMatchObject({ status: "failed", stage: null });
    expect(stale.error).toContain("server restart");
  });

  it("reports progress on the row while processing", async () => {
    const { documents } = await ingestUpload([makeFile("lighthouse.md", lighthouse)]);
    expect(documents[0]).toMatchObject({ status: "processing", stage: "embedding", error: null });
    expect(documents[0].chunks).toBeGreaterThan(1);
    expect(documents[0].progress).toBeGreaterThan(0);
    expect(documents[0].progress).toBeLessThan(1);
    expect(readdirSync(path.join(data.directory(), "originals"))).toEqual([documents[0].id]);
    expect(await waitForIngestion(documents[0].id)).toMatchObject({ status: "ready", progress: 1 });
  });
});
