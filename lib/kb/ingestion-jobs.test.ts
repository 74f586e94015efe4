import { readdirSync } from "node:fs";
import path from "node:path";
import type * as lancedb from "@lancedb/lancedb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/database";
import { forgetProcessSingleton } from "@/lib/process-singleton";
import {
  insertDocumentRow,
  markDocumentFailed,
  selectAbandonedDocumentIds,
  selectDocument,
} from "./document-rows";
import { cancelDocument, deleteDocument, failInterrupted, listDocuments, retryDocument } from "./documents";
import { ingestUpload } from "./ingest";
import { waitForIngestion } from "./ingestion-jobs";
import { writeOriginal } from "./originals";
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
    await until(async () => ((await selectDocument(id))?.progress ?? 0) > 0, "progress on the row");
    expect(await selectDocument(id)).toMatchObject({ status: "processing", stage: "extracting" });
    expect((await selectDocument(id))?.stageDetail).toMatch(/^page \d+ of 600$/);
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
    await insertDocumentRow({
      id,
      name: "stale.md",
      title: null,
      mediaType: "text/markdown",
      size: 10,
      contentHash: "abc",
      pages: null,
    });
    await writeOriginal(id, new TextEncoder().encode("# Stale\n\nThe ferry leaves at 7:15 from pier nine."));
    // Rows from before leases (or of a server that stopped renewing) have none that is still valid.
    await (await getDatabase())
      .updateTable("documents")
      .set({ lease_expires_at: null })
      .where("id", "=", id)
      .execute();
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
      await until(async () => (await selectDocument(id))?.stage === "embedding", "the embedding stage");
      expect((await selectDocument(id))?.stageDetail).toMatch(/^passage \d+ of \d+$/);
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

describe("ingestion jobs shared with other replicas", () => {
  useKnowledgeBaseDirectory({
    OPENAI_API_KEY: "test-key",
    EMBEDDING_MODEL: "test-embedding",
    LEASE_MS: "2000",
  });
  beforeAll(() => {
    process.env.OPENAI_BASE_URL = embeddings.baseUrl;
  });
  afterAll(() => {
    delete process.env.OPENAI_BASE_URL;
  });

  it("leaves a document another server is adding alone while its lease lives, and fails it once the lease ran out", async () => {
    // As another replica would: the row is processing, with a fresh lease, but no job of this process runs it.
    await insertDocumentRow({
      id: "elsewhere",
      name: "elsewhere.md",
      title: null,
      mediaType: "text/markdown",
      size: 10,
      contentHash: "hash-elsewhere",
      pages: null,
    });
    await failInterrupted();
    expect(await selectDocument("elsewhere")).toMatchObject({ status: "processing" });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await failInterrupted();
    expect(await selectDocument("elsewhere")).toMatchObject({
      status: "failed",
      error: expect.stringContaining("interrupted"),
    });
  });

  it("keeps renewing the lease of a long ingestion, so no sweep fails it", async () => {
    // One embedding request outlasts the whole lease: only renewal keeps the document claimed.
    embeddings.delayMs = 3_500;
    try {
      const { documents } = await ingestUpload([makeFile("long.md", "# Long\n\nThe tide turns at noon.")]);
      const id = documents[0].id;
      await until(async () => (await selectDocument(id))?.stage === "embedding", "the embedding stage");
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      // Longer than LEASE_MS into the job: only renewal keeps it out of every server's sweep.
      expect(await selectAbandonedDocumentIds()).not.toContain(id);
      await failInterrupted();
      expect(await selectDocument(id)).toMatchObject({ status: "processing" });
      expect(await waitForIngestion(id)).toMatchObject({ status: "ready" });
    } finally {
      embeddings.delayMs = 0;
    }
  });

  it("stops a job here when its document is cancelled through another replica, and a retry waits for it", async () => {
    // Each embedding request takes 1.5 s: left alone, the job would run for many seconds.
    embeddings.delayMs = 1_500;
    try {
      const text = Array.from({ length: 2000 }, (_, index) => `Sentence ${index} about gulls.`).join(" ");
      const { documents } = await ingestUpload([makeFile("gulls.txt", text)]);
      const id = documents[0].id;
      await until(async () => (await selectDocument(id))?.stage === "embedding", "the embedding stage");
      // The other replica's cancel: a guarded transition in the shared database, nothing in this process.
      await markDocumentFailed(id, "Cancelled on the other replica.", { keepLease: true });
      // Until this job has stopped and let go of the document, a retry must wait.
      await expect(retryDocument(id)).rejects.toMatchObject({ code: "conflict" });
      const started = Date.now();
      expect(await waitForIngestion(id)).toMatchObject({
        status: "failed",
        error: "Cancelled on the other replica.",
        chunks: 0,
      });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await countChunks()).toBe(0);
      embeddings.delayMs = 0;
      await retryDocument(id);
      expect(await waitForIngestion(id)).toMatchObject({ status: "ready" });
    } finally {
      embeddings.delayMs = 0;
    }
  });
});
