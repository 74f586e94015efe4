import { readdirSync } from "node:fs";
import path from "node:path";
import type * as lancedb from "@lancedb/lancedb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertDocumentRow, selectDocument } from "./document-rows";
import { cancelDocument, deleteDocument, listDocuments, retryDocument } from "./documents";
import { ingestUpload } from "./ingest";
import { waitForIngestion } from "./ingestion-jobs";
import { writeOriginal } from "./originals";
import { forgetProcessSingleton } from "./process-singleton";
import { searchKnowledgeBase } from "./search";
import { compactChunksTable, countChunks, openChunksTable } from "./store";
import { startTestEmbeddingServer, type TestEmbeddingServer } from "./test-embedding-server";
import {
  buildLongPdf,
  makeFile,
  sampleHtml,
  sampleMarkdown,
  useKnowledgeBaseDirectory,
} from "./test-fixtures";

let embeddings: TestEmbeddingServer;
beforeAll(async () => {
  embeddings = await startTestEmbeddingServer(32);
});
afterAll(() => embeddings.close());

async function until(condition: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("ingestion jobs on the offline model", () => {
  const data = useKnowledgeBaseDirectory();

  it("returns from the upload while the job runs, and leaves no chunks when the write fails", async () => {
    const first = await ingestUpload([makeFile("lighthouse.md", sampleMarkdown)]);
    expect(first.documents[0]).toMatchObject({ status: "processing", stage: "extracting", progress: 0 });
    expect(readdirSync(path.join(data.directory(), "originals"))).toEqual([first.documents[0].id]);
    await waitForIngestion(first.documents[0].id);
    await compactChunksTable();
    const table = await openChunksTable();
    const before = { version: await table?.version(), rows: await table?.countRows() };
    const prototype = Object.getPrototypeOf(table) as { add: lancedb.Table["add"] };
    const original = prototype.add;
    prototype.add = () => Promise.reject(new Error("disk full"));
    try {
      const { documents } = await ingestUpload([makeFile("history.html", sampleHtml)]);
      const failed = await waitForIngestion(documents[0].id);
      expect(failed).toMatchObject({ status: "failed", chunks: 0, stage: null });
      expect(failed?.error).toContain("disk full");
    } finally {
      prototype.add = original;
    }
    expect(await table?.countRows()).toBe(before.rows);
    const passages = (await searchKnowledgeBase({ query: "Westphalia 1648", k: 10 })).passages;
    expect(passages.every((passage) => passage.documentName === "lighthouse.md")).toBe(true);
  });

  it("cancels a PDF being read, keeps it listed as failed, and Retry adds it from the stored original", async () => {
    const { documents } = await ingestUpload([makeFile("manual.pdf", buildLongPdf(600))]);
    const id = documents[0].id;
    await until(() => (selectDocument(id)?.progress ?? 0) > 0, "progress on the row");
    expect(selectDocument(id)).toMatchObject({ status: "processing", stage: "extracting" });
    expect(selectDocument(id)?.stageDetail).toMatch(/^page \d+ of 600$/);
    const cancelled = await cancelDocument(id);
    expect(cancelled).toMatchObject({ status: "failed", chunks: 0 });
    expect(cancelled.error).toContain("Cancelled");
    expect(await countChunks(id)).toBe(0);
    await expect(cancelDocument(id)).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining(
        "(adding it failed), so there is nothing to cancel. Retry or delete it.",
      ),
    });

    const retried = await retryDocument(id);
    expect(retried).toMatchObject({ status: "processing", stage: "extracting", error: null });
    expect(await waitForIngestion(id)).toMatchObject({ status: "ready", pages: 600 });
    expect(await countChunks(id)).toBeGreaterThan(600);
    await expect(retryDocument(id)).rejects.toMatchObject({ status: 409 });
    await expect(cancelDocument(id)).rejects.toMatchObject({
      message: expect.stringContaining("already in the knowledge base, so there is nothing to cancel"),
    });
  });

  it("marks documents left processing by a previous server as failed, removing their chunks, and retries them", async () => {
    const id = "0b7d3c52-52d7-4c86-9f0f-4d1f2f2a1a11";
    insertDocumentRow({
      id,
      name: "stale.md",
      title: null,
      mediaType: "text/markdown",
      size: 10,
      contentHash: "abc",
      pages: null,
    });
    await writeOriginal(id, new TextEncoder().encode("# Stale\n\nThe ferry leaves at 7:15 from pier nine."));
    forgetProcessSingleton("kb.recovered");
    const [stale] = await listDocuments();
    expect(stale).toMatchObject({ status: "failed", stage: null });
    expect(stale.error).toContain("server restart");
    await retryDocument(id);
    expect(await waitForIngestion(id)).toMatchObject({ status: "ready" });
    expect((await searchKnowledgeBase({ query: "ferry pier nine" })).passages[0].documentId).toBe(id);
  });

  it("deletes a document that is still processing without leaving chunks behind", async () => {
    const { documents } = await ingestUpload([makeFile("manual.pdf", buildLongPdf(400))]);
    await deleteDocument(documents[0].id);
    expect(await waitForIngestion(documents[0].id)).toBeUndefined();
    expect(await countChunks(documents[0].id)).toBe(0);
    expect(await listDocuments()).toEqual([]);
  });
});

describe("ingestion jobs on a remote embedding model", () => {
  useKnowledgeBaseDirectory({ OPENAI_API_KEY: "test-key", EMBEDDING_MODEL: "test-embedding" });
  beforeAll(() => {
    process.env.OPENAI_BASE_URL = embeddings.baseUrl;
  });
  afterAll(() => {
    delete process.env.OPENAI_BASE_URL;
  });

  it("shows the embedding stage with progress, then marks the document ready", async () => {
    embeddings.delayMs = 150;
    try {
      const text = Array.from(
        { length: 400 },
        (_, index) => `Sentence ${index} about tides and harbours.`,
      ).join(" ");
      const { documents } = await ingestUpload([makeFile("tides.txt", text.repeat(3))]);
      const id = documents[0].id;
      await until(() => selectDocument(id)?.stage === "embedding", "the embedding stage");
      expect(selectDocument(id)?.stageDetail).toMatch(/^passage \d+ of \d+$/);
      expect(await waitForIngestion(id)).toMatchObject({ status: "ready", progress: 1, stageDetail: null });
    } finally {
      embeddings.delayMs = 0;
    }
  });

  it("fails with the server's reason when embedding fails, stores no chunks, and Retry succeeds once fixed", async () => {
    embeddings.failWith = 401;
    let id: string;
    try {
      id = (await ingestUpload([makeFile("ferry.md", "# Ferry\n\nThe ferry leaves at 7:15.")])).documents[0]
        .id;
      const failed = await waitForIngestion(id);
      expect(failed).toMatchObject({ status: "failed", chunks: 0 });
      expect(failed?.error).toContain("refused the API key");
    } finally {
      embeddings.failWith = undefined;
    }
    expect(await countChunks()).toBe(0);
    await retryDocument(id);
    expect(await waitForIngestion(id)).toMatchObject({ status: "ready" });
  });
});
