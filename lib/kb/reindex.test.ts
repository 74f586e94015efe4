import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/database";
import { resetEnvironmentForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { forgetProcessSingleton } from "@/lib/process-singleton";
import { listDocuments } from "./documents";
import {
  getIndexStatus,
  type ReindexState,
  readReindexState,
  replaceReindexState,
  writeReindexState,
} from "./index-status";
import { ingestUpload } from "./ingest";
import { waitForIngestion } from "./ingestion-jobs";
import { recoverInterruptedReindex, startReindex, waitForReindex } from "./reindex";
import { searchKnowledgeBase } from "./search";
import { activeIndexRecord, countChunks, openTableByName } from "./store";
import { startTestEmbeddingServer, type TestEmbeddingServer } from "./test-embedding-server";
import { buildPdf, makeFile, sampleMarkdown, useKnowledgeBaseDirectory } from "./test-fixtures";

let embeddings: TestEmbeddingServer;
beforeAll(async () => {
  embeddings = await startTestEmbeddingServer(32);
});
afterAll(() => embeddings.close());

function useRemoteEmbeddings() {
  Object.assign(process.env, {
    OPENAI_API_KEY: "test-key",
    OPENAI_BASE_URL: embeddings.baseUrl,
    EMBEDDING_MODEL: "test-embedding",
  });
  resetEnvironmentForTests();
}

async function addLighthouse() {
  const { documents } = await ingestUpload([makeFile("lighthouse.md", sampleMarkdown)]);
  expect(await waitForIngestion(documents[0].id)).toMatchObject({ status: "ready" });
  return documents[0].id;
}

/** Gives a re-index whose handle was forgotten (to play another server) time to notice and stop. */
async function waitForReindexToStop(): Promise<void> {
  // It notices at its next state write: after the batch in flight, or its next lease renewal.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
}

async function uploadRefusal(): Promise<AppError> {
  const error = await ingestUpload([makeFile("new.md", "# New\n\nA new note.")]).then(
    () => new Error("the upload was accepted"),
    (thrown: unknown) => thrown,
  );
  if (error instanceof AppError) return error;
  throw error;
}

describe("a change of embedding model", () => {
  useKnowledgeBaseDirectory();

  it("is detected, keeps search working by keywords, refuses uploads, and is fixed by a re-index", async () => {
    const id = await addLighthouse();
    const oldTable = (await activeIndexRecord())?.table as string;
    expect(await getIndexStatus()).toMatchObject({
      indexedModel: "offline:char4grams-2048",
      modelChanged: false,
    });

    useRemoteEmbeddings();
    const status = await getIndexStatus();
    expect(status).toMatchObject({
      modelChanged: true,
      configuredModel: "openai.embedding:test-embedding",
      reindex: null,
    });
    const requestsBefore = embeddings.requests;
    const result = await searchKnowledgeBase({ query: "lighthouse budget" });
    expect(result.passages[0].text).toContain("42 gold crowns");
    expect(result.notice).toContain("keywords only");
    expect(embeddings.requests).toBe(requestsBefore);
    const refused = await uploadRefusal();
    expect(refused.status).toBe(409);
    expect(refused.message).toContain("Re-index");

    expect((await startReindex()).reindex).toMatchObject({ status: "running", total: 1, done: 0 });
    await waitForReindex();
    expect(await getIndexStatus()).toMatchObject({
      indexedModel: "openai.embedding:test-embedding",
      modelChanged: false,
      reindex: null,
    });
    expect(await openTableByName(oldTable)).toBeUndefined();
    expect(await countChunks(id)).toBeGreaterThan(0);
    const vector = await searchKnowledgeBase({ query: "annual lighthouse budget crowns", mode: "vector" });
    expect(vector.notice).toBeUndefined();
    expect(vector.passages[0].text).toContain("42 gold crowns");
    expect(
      await waitForIngestion(
        (await ingestUpload([makeFile("new.md", "# New\n\nA new note.")])).documents[0].id,
      ),
    ).toMatchObject({ status: "ready" });
  });

  it("notices a model whose vectors changed length under the same name", async () => {
    useRemoteEmbeddings();
    await addLighthouse();
    embeddings.dimensions = 48;
    try {
      const result = await searchKnowledgeBase({ query: "lighthouse budget" });
      expect(result.notice).toContain("Re-index");
      expect(result.passages.length).toBeGreaterThan(0);
      expect(await getIndexStatus()).toMatchObject({ modelChanged: true });
      expect((await uploadRefusal()).status).toBe(409);
      await startReindex();
      await waitForReindex();
      expect(await getIndexStatus()).toMatchObject({ modelChanged: false });
      expect((await activeIndexRecord())?.dimensions).toBe(48);
    } finally {
      embeddings.dimensions = 32;
    }
  });

  it("offers the re-index when an upload's vectors changed length under the same name", async () => {
    useRemoteEmbeddings();
    await addLighthouse();
    embeddings.dimensions = 48;
    try {
      const { documents } = await ingestUpload([makeFile("new.md", "# New\n\nA new note.")]);
      const failed = await waitForIngestion(documents[0].id);
      expect(failed).toMatchObject({ status: "failed" });
      expect(failed?.error).toContain("now returns vectors of 48 dimensions");
      expect(await getIndexStatus()).toMatchObject({ modelChanged: true });
      expect((await uploadRefusal()).status).toBe(409);
    } finally {
      embeddings.dimensions = 32;
    }
  });

  it("keeps the old index when a re-index fails, and says why", async () => {
    await addLighthouse();
    const before = await activeIndexRecord();
    useRemoteEmbeddings();
    embeddings.failWith = 401;
    try {
      await startReindex();
      await waitForReindex();
    } finally {
      embeddings.failWith = undefined;
    }
    const status = await getIndexStatus();
    expect(status.modelChanged).toBe(true);
    expect(status.reindex).toMatchObject({ status: "failed" });
    expect(status.reindex?.error).toContain("Re-indexing failed");
    expect(await activeIndexRecord()).toEqual(before);
    expect((await searchKnowledgeBase({ query: "lighthouse budget" })).passages.length).toBeGreaterThan(0);
  });

  it("marks a re-index cut short by a restart as failed", async () => {
    await addLighthouse();
    await writeReindexState({
      status: "running",
      table: "chunks_1",
      targetModel: "x",
      done: 0,
      total: 1,
      error: null,
    });
    forgetProcessSingleton("kb.recovered");
    await listDocuments();
    expect((await getIndexStatus()).reindex).toMatchObject({
      status: "failed",
      error: expect.stringContaining("server restart"),
    });
  });

  it("refuses a second re-index while one runs", async () => {
    await addLighthouse();
    useRemoteEmbeddings();
    embeddings.delayMs = 200;
    try {
      await startReindex();
      await expect(startReindex()).rejects.toMatchObject({ status: 409 });
      await waitForReindex();
    } finally {
      embeddings.delayMs = 0;
    }
  });

  it("leaves alone a re-index another server still renews, and gives up, switching nothing, once another server failed it", async () => {
    await addLighthouse();
    const oldTable = (await activeIndexRecord())?.table;
    useRemoteEmbeddings();
    embeddings.delayMs = 400;
    try {
      await startReindex();
      const running = await readReindexState();
      expect(running).toMatchObject({ status: "running" });
      // Another replica's sweep: the lease is live, so it must not touch the re-index.
      forgetProcessSingleton("kb.reindex");
      await recoverInterruptedReindex();
      expect(await readReindexState()).toMatchObject({ status: "running" });
      // Another replica that saw the lease run out marks it failed (a compare-and-set on what it read).
      const current = await readReindexState();
      expect(
        await replaceReindexState(current, {
          ...(current as ReindexState),
          status: "failed",
          error: "Taken over.",
        }),
      ).toBe(true);
    } finally {
      embeddings.delayMs = 0;
    }
    await waitForReindexToStop();
    expect(await readReindexState()).toMatchObject({ status: "failed", error: "Taken over." });
    expect((await activeIndexRecord())?.table).toBe(oldTable);
    expect(
      (await searchKnowledgeBase({ query: "lighthouse keeper", mode: "text" })).passages.length,
    ).toBeGreaterThan(0);
  });

  it("waits for an upload another replica is still checking, but not for one whose server died", async () => {
    await addLighthouse();
    useRemoteEmbeddings();
    const database = await getDatabase();
    await database
      .insertInto("upload_checks")
      .values({ id: "elsewhere", lease_expires_at: Date.now() + 60_000 })
      .execute();
    await expect(startReindex()).rejects.toMatchObject({ status: 409 });
    await database
      .updateTable("upload_checks")
      .set({ lease_expires_at: Date.now() - 1 })
      .execute();
    await startReindex();
    await waitForReindex();
    expect((await getIndexStatus()).reindex).toBeNull();
  });

  it("does not start while an upload is still being checked, so the new document is never left out", async () => {
    await addLighthouse();
    // A PDF is checked in its worker: the upload is in flight, with no document row yet.
    const upload = ingestUpload([makeFile("late.pdf", buildPdf([["A late arrival about the tides."]]))]);
    await expect(startReindex()).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("still being added"),
    });
    const { documents } = await upload;
    expect(await waitForIngestion(documents[0].id)).toMatchObject({ status: "ready" });
    // Once the upload is through, the re-index runs and takes every document with it.
    const before = (await activeIndexRecord())?.table;
    await startReindex();
    await waitForReindex();
    expect((await activeIndexRecord())?.table).not.toBe(before);
    const { passages } = await searchKnowledgeBase({ query: "late arrival tides" });
    expect(passages[0]).toMatchObject({ documentName: "late.pdf" });
  });
});
