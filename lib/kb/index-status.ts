import "server-only";
import { AppError } from "@/lib/errors";
import type { KnowledgeIndexStatus, ReindexStatus } from "./document-types";
import { currentEmbeddingModel } from "./embedding-identity";
import { readKnowledgeState, replaceKnowledgeState, writeKnowledgeState } from "./knowledge-state";
import { activeIndexRecord, openTableByName } from "./store";

/** A re-index in progress or failed, with the table it is filling. */
export interface ReindexState extends ReindexStatus {
  table: string;
  /** While running: until when the server running it vouches for it (renewed as it goes, LEASE_MS). */
  leaseExpiresAt?: number;
}

const reindexKey = "reindex";
const mismatchKey = "index-mismatch";

/** The re-index state, if one is running or failed. */
export function readReindexState(): Promise<ReindexState | undefined> {
  return readKnowledgeState<ReindexState>(reindexKey);
}

/** Replaces the re-index state only if it still is `expected` (see `replaceKnowledgeState`). */
export function replaceReindexState(
  expected: ReindexState | undefined,
  next: ReindexState | undefined,
): Promise<boolean> {
  return replaceKnowledgeState(reindexKey, expected, next);
}

/** Records (or, with undefined, clears) the re-index state. */
export function writeReindexState(state: ReindexState | undefined): Promise<void> {
  return writeKnowledgeState(reindexKey, state);
}

/**
 * Remembers that the configured model returned vectors of another length than the index holds,
 * although its name did not change (a server swapped the model behind the name).
 */
export function recordDimensionMismatch(model: string, dimensions: number): Promise<void> {
  return writeKnowledgeState(mismatchKey, { model, dimensions });
}

/** Forgets a recorded mismatch (after a re-index). */
export function clearDimensionMismatch(): Promise<void> {
  return writeKnowledgeState(mismatchKey, undefined);
}

/** Which model built the index, which one is configured, and whether they differ. */
async function readModelState() {
  const record = await activeIndexRecord();
  const { name } = currentEmbeddingModel();
  const mismatch = await readKnowledgeState<{ model: string }>(mismatchKey);
  const modelChanged =
    record !== undefined && ((record.model !== null && record.model !== name) || mismatch?.model === name);
  return { record, configuredModel: name, modelChanged };
}

/**
 * Which model built the index, which one is configured, whether a re-index is needed or running,
 * and what the index holds.
 */
export async function getIndexStatus(): Promise<KnowledgeIndexStatus> {
  const { record, configuredModel, modelChanged } = await readModelState();
  const reindex = await readReindexState();
  const table = record ? await openTableByName(record.table) : undefined;
  const [passages, indices] = table ? await Promise.all([table.countRows(), table.listIndices()]) : [0, []];
  return {
    indexedModel: record?.model ?? null,
    configuredModel,
    modelChanged,
    reindex: reindex
      ? {
          status: reindex.status,
          targetModel: reindex.targetModel,
          done: reindex.done,
          total: reindex.total,
          error: reindex.error,
        }
      : null,
    table: table
      ? {
          passages,
          vectorSearch: indices.some((index) => index.columns.includes("vector")) ? "approximate" : "exact",
        }
      : null,
  };
}

/** Refuses new documents (409) while a re-index runs or the embedding model changed; no table I/O. */
export async function assertIndexAcceptsDocuments(): Promise<void> {
  if ((await readReindexState())?.status === "running") {
    throw new AppError(
      "conflict",
      "The knowledge base is being re-indexed with the new embedding model. Add documents once it has finished.",
    );
  }
  const { record, configuredModel, modelChanged } = await readModelState();
  if (modelChanged) {
    throw new AppError(
      "conflict",
      `The knowledge base was indexed with the embedding model “${record?.model ?? null}”, but the configured model is “${configuredModel}”. Re-index it on the Knowledge page first (or switch EMBEDDING_MODEL back).`,
    );
  }
}
