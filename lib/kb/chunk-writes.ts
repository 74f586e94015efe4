import "server-only";
import type { Table } from "@lancedb/lancedb";
import { AppError } from "@/lib/errors";
import { type ChunkBatch, type ChunkRow, concatChunkBatches, sqlString, toChunkBatch } from "./chunk-table";
import { type IndexRecord, isCompatible, writeIndexRecord } from "./index-record";
import { recordDimensionMismatch } from "./index-status";
import {
  activeIndexRecord,
  createTableNow,
  defaultTableName,
  getStore,
  openTableByName,
  type StoreState,
} from "./store";

/**
 * Adds one document's chunks in a single commit, so a document is never half searchable. Adds that
 * arrive while the queue is busy are committed together (one fragment for many small documents).
 * Vectors from another embedding model than the index's are refused (409): re-index first.
 */
export function addChunks(chunks: ChunkRow[] | ChunkBatch, model: string): Promise<void> {
  const batch = Array.isArray(chunks) ? (chunks.length > 0 ? toChunkBatch(chunks) : undefined) : chunks;
  if (!batch || batch.table.numRows === 0) return Promise.resolve();
  const store = getStore();
  return new Promise((resolve, reject) => {
    store.pendingAdds.push({ batch, model, resolve, reject });
    if (store.pendingAdds.length === 1) void store.enqueueWrite(() => flushPendingAdds(store));
  });
}

async function flushPendingAdds(store: StoreState): Promise<void> {
  const pending = store.pendingAdds.splice(0);
  try {
    const table = await tableForAdd(store, pending[0].model, pending[0].batch.dimensions);
    const record = (await activeIndexRecord()) as IndexRecord;
    const accepted = pending.filter((add) => isCompatible(record, add.model, add.batch.dimensions));
    for (const add of pending) {
      if (!accepted.includes(add)) add.reject(refuseVectors(record, add.model, add.batch.dimensions));
    }
    if (accepted.length > 0) await table.add(concatChunkBatches(accepted.map((add) => add.batch)).table);
    for (const add of accepted) add.resolve();
    store.maintenance.noteWrite();
  } catch (error) {
    for (const add of pending) add.reject(error);
  }
}

async function tableForAdd(store: StoreState, model: string, dimensions: number): Promise<Table> {
  const record = await activeIndexRecord();
  if (!record) {
    const table = await createTableNow(store, defaultTableName, dimensions);
    await writeIndexRecord({ table: defaultTableName, model, dimensions });
    return table;
  }
  if (!isCompatible(record, model, dimensions)) throw await refuseVectors(record, model, dimensions);
  if (record.model === null) await writeIndexRecord({ ...record, model });
  return (await openTableByName(record.table)) ?? createTableNow(store, record.table, record.dimensions);
}

/** Adds rows to a given table in one commit (a re-index filling its new table). */
export function addChunksToTable(name: string, rows: ChunkRow[]): Promise<void> {
  const store = getStore();
  return store.enqueueWrite(async () => {
    const table = await openTableByName(name);
    if (!table) throw new Error(`The chunks table ${name} does not exist.`);
    if (rows.length > 0) await table.add(rows);
  });
}

/** Removes every chunk of a document from the active table (and from `alsoFrom`, e.g. a re-index's table). */
export function deleteChunks(documentId: string, alsoFrom: string[] = []): Promise<void> {
  const store = getStore();
  return store.enqueueWrite(async () => {
    const record = await activeIndexRecord();
    for (const name of new Set([...(record ? [record.table] : []), ...alsoFrom])) {
      const table = await openTableByName(name);
      if (table) await table.delete(`documentId = ${sqlString(documentId)}`);
    }
    store.maintenance.noteWrite();
  });
}

// Vectors of another length from a model of the same name (a server swapped the model behind it) are
// remembered as a mismatch, so the Knowledge page offers the re-index this error asks for.
async function refuseVectors(record: IndexRecord, model: string, dimensions: number): Promise<AppError> {
  const sameName = record.model === null || record.model === model;
  if (sameName) await recordDimensionMismatch(model, dimensions);
  const configured = sameName
    ? `“${model}” now returns vectors of ${dimensions} dimensions`
    : `the configured model is “${model}”`;
  return new AppError(
    "conflict",
    `The knowledge base was indexed with the embedding model “${record.model ?? "unknown"}” (${record.dimensions} dimensions), but ${configured}. ` +
      "Re-index it on the Knowledge page (or switch EMBEDDING_MODEL back), then add documents.",
  );
}
