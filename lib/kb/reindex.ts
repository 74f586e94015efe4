import "server-only";
import { embed, embedMany } from "ai";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { describeModelError } from "@/lib/models/model-errors";
import { processSingleton } from "@/lib/process-singleton";
import type { ChunkRow } from "./chunk-table";
import { addChunksToTable, deleteChunks } from "./chunk-writes";
import { selectDocument, selectDocumentIds } from "./document-rows";
import type { KnowledgeIndexStatus } from "./document-types";
import { currentEmbeddingModel } from "./embedding-identity";
import { titleFromFileName } from "./extracted-document";
import { writeIndexRecord } from "./index-record";
import {
  clearDimensionMismatch,
  getIndexStatus,
  type ReindexState,
  readReindexState,
  replaceReindexState,
} from "./index-status";
import { embeddingText } from "./ingestion-pipeline";
import {
  activeIndexRecord,
  compactTableByName,
  createChunksTable,
  dropChunksTable,
  readDocumentChunks,
} from "./store";
import { uploadsInFlight } from "./uploads-in-flight";

const batchSize = 128;

function runningReindex(): { done?: Promise<void> } {
  return processSingleton("kb.reindex", () => ({}));
}

/**
 * Re-embeds every ready document's stored passages with the configured embedding model into a new
 * table, then switches searches to it in one step and drops the old one. Until then the old index
 * keeps serving (by keywords, when the model changed). Runs in the background; progress and a
 * failure are kept in the index status. Refused (409) while documents are still being added.
 */
export async function startReindex(): Promise<KnowledgeIndexStatus> {
  await recoverInterruptedReindex();
  const previousState = await readReindexState();
  if (previousState?.status === "running") throw alreadyRunning();
  const processing = (await selectDocumentIds("processing")).length + (await uploadsInFlight());
  if (processing > 0) {
    throw new AppError(
      "conflict",
      `${processing} document(s) are still being added. Re-index once they are ready (or cancel them).`,
    );
  }
  const documentIds = await selectDocumentIds("ready");
  const state: ReindexState = {
    status: "running",
    table: `chunks_${Date.now()}`,
    targetModel: currentEmbeddingModel().name,
    done: 0,
    total: documentIds.length,
    error: null,
    leaseExpiresAt: Date.now() + getEnvironment().LEASE_MS,
  };
  // Only one start wins, here or on another replica: the state must still be what was read.
  if (!(await replaceReindexState(previousState, state))) throw alreadyRunning();
  const done = runReindex(state, documentIds);
  runningReindex().done = done;
  done.catch((error: unknown) => console.error("The re-index could not record its outcome", error));
  return getIndexStatus();
}

function alreadyRunning(): AppError {
  return new AppError("conflict", "A re-index is already running; wait for it to finish.");
}

/** Another server failed this re-index (its lease looked expired there): stop without touching anything. */
class ReindexTakenOver extends Error {
  constructor() {
    super("Another server marked this re-index as failed.");
    this.name = "ReindexTakenOver";
  }
}

/** Waits for a running re-index (tests, and the API when asked to). */
export async function waitForReindex(): Promise<void> {
  await runningReindex().done;
}

/**
 * A re-index marked running whose lease ran out was cut short by a restart (of this server or of the
 * replica that ran it): it failed. One that a live server still renews is left alone.
 */
export async function recoverInterruptedReindex(): Promise<void> {
  const state = await readReindexState();
  if (state?.status !== "running" || runningReindex().done !== undefined) return;
  if (state.leaseExpiresAt !== undefined && state.leaseExpiresAt > Date.now()) return;
  const failed: ReindexState = {
    status: "failed",
    table: state.table,
    targetModel: state.targetModel,
    done: state.done,
    total: state.total,
    error: "The re-index was interrupted by a server restart. Start it again.",
  };
  // Failed first, and only if nobody renewed it meanwhile: a live re-index then can no longer switch
  // to the table that is dropped next.
  if (await replaceReindexState(state, failed)) await dropChunksTable(state.table);
}

/** The table a running re-index fills, so deletes reach it too. */
export async function reindexTargetTables(): Promise<string[]> {
  const state = await readReindexState();
  return state?.status === "running" ? [state.table] : [];
}

async function runReindex(state: ReindexState, documentIds: string[]): Promise<void> {
  const leaseMs = getEnvironment().LEASE_MS;
  // Every state write is a compare-and-set on the last one this run wrote, in order: if another
  // server failed the re-index meanwhile, the next write fails and the run stops.
  let written: ReindexState = { ...state };
  let writes: Promise<void> = Promise.resolve();
  const advance = (next: ReindexState | undefined): Promise<void> => {
    writes = writes.then(async () => {
      if (!(await replaceReindexState(written, next))) throw new ReindexTakenOver();
      if (next) written = next;
    });
    return writes;
  };
  const renewLease = () => advance({ ...written, done: state.done, leaseExpiresAt: Date.now() + leaseMs });
  // On a timer, so slow steps (a table's full-text index, compaction, one big batch) keep it too.
  const renewal = setInterval(() => {
    // A failed renewal is not lost: `writes` keeps the rejection, and the run's next write throws it.
    renewLease().catch((error: unknown) => {
      if (!(error instanceof ReindexTakenOver)) console.error("Could not renew the re-index's lease", error);
    });
  }, leaseMs / 4).unref();
  try {
    const { model, name } = currentEmbeddingModel();
    const dimensions = (await embed({ model, value: "dimensions" })).embedding.length;
    await createChunksTable(state.table, dimensions);
    for (const documentId of documentIds) {
      await reindexDocument(state.table, documentId);
      state.done += 1;
      await renewLease();
    }
    await compactTableByName(state.table);
    // The last check that this run still owns the re-index, right before the switch.
    await renewLease();
    clearInterval(renewal);
    await writes;
    const previous = await activeIndexRecord();
    await writeIndexRecord({ table: state.table, model: name, dimensions });
    await clearDimensionMismatch();
    await advance(undefined);
    if (previous && previous.table !== state.table) await dropChunksTable(previous.table);
  } catch (error) {
    clearInterval(renewal);
    if (error instanceof ReindexTakenOver) return;
    // A renewal still in flight settles first, so the failure below compares against the last write.
    await Promise.allSettled([writes]);
    await dropChunksTable(state.table);
    await replaceReindexState(written, {
      ...state,
      status: "failed",
      error: `Re-indexing failed: ${error instanceof AppError ? error.message : describeModelError(error)} Start it again once this is fixed.`,
    });
  } finally {
    clearInterval(renewal);
    runningReindex().done = undefined;
  }
}

async function reindexDocument(table: string, documentId: string): Promise<void> {
  const document = await selectDocument(documentId);
  if (!document) return;
  const title = document.title ?? titleFromFileName(document.name);
  const chunks = await readDocumentChunks(documentId);
  const { model } = currentEmbeddingModel();
  for (let start = 0; start < chunks.length; start += batchSize) {
    const batch = chunks.slice(start, start + batchSize);
    const { embeddings } = await embedMany({
      model,
      values: batch.map((chunk) => embeddingText(title, chunk)),
      maxParallelCalls: 2,
    });
    const rows: ChunkRow[] = batch.map((chunk, index) => ({ ...chunk, vector: embeddings[index] }));
    await addChunksToTable(table, rows);
  }
  // Deleted while its passages were being copied: its copies go too.
  if (!(await selectDocument(documentId))) await deleteChunks(documentId, [table]);
}
