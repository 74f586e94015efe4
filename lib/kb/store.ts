import "server-only";
import path from "node:path";
import * as lancedb from "@lancedb/lancedb";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  type ChunkBatch,
  type ChunkRow,
  chunkSchema,
  concatChunkBatches,
  type StoredChunk,
  sqlString,
  storedChunkColumns,
  toChunkBatch,
  vectorDimensions,
} from "./chunk-table";
import { type IndexRecord, isCompatible, readIndexRecord, writeIndexRecord } from "./index-record";
import { forgetProcessSingleton, processSingleton } from "./process-singleton";
import { createMaintenanceScheduler, type MaintenanceScheduler, maintainTable } from "./table-maintenance";
import { createWriteQueue } from "./write-queue";

interface PendingAdd {
  batch: ChunkBatch;
  model: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface StoreState {
  directory: string;
  connection: Promise<lancedb.Connection>;
  tables: Map<string, Promise<lancedb.Table>>;
  enqueueWrite: ReturnType<typeof createWriteQueue>;
  pendingAdds: PendingAdd[];
  maintenance: MaintenanceScheduler;
}

const defaultTableName = "chunks";
const singletonName = "kb.store";

function getStore(): StoreState {
  const directory = path.join(getEnvironment().dataDirectory, "lancedb");
  const store = processSingleton<StoreState>(singletonName, () => createStore(directory));
  if (store.directory === directory) return store;
  store.maintenance.cancel();
  forgetProcessSingleton(singletonName);
  return processSingleton<StoreState>(singletonName, () => createStore(directory));
}

function createStore(directory: string): StoreState {
  const enqueueWrite = createWriteQueue();
  const store: StoreState = {
    directory,
    // Reads check for new versions every time, so a search sees what another handle just wrote.
    connection: lancedb.connect(directory, { readConsistencyInterval: 0 }),
    tables: new Map(),
    enqueueWrite,
    pendingAdds: [],
    maintenance: createMaintenanceScheduler(enqueueWrite, () => openChunksTable()),
  };
  return store;
}

/** Opens a chunks table by name (handles are kept), or undefined when it does not exist. */
export async function openTableByName(name: string): Promise<lancedb.Table | undefined> {
  const store = getStore();
  const cached = store.tables.get(name);
  if (cached) return cached;
  const connection = await store.connection;
  if (!(await connection.tableNames()).includes(name)) return undefined;
  const opening = connection.openTable(name);
  store.tables.set(name, opening);
  // A failed open is not remembered, so the next call tries again.
  opening.catch(() => store.tables.delete(name));
  return opening;
}

/**
 * The active index record. A data directory from before records were kept has a `chunks` table and
 * no record: that table is adopted, its model unknown until the next write.
 */
export async function activeIndexRecord(): Promise<IndexRecord | undefined> {
  const record = readIndexRecord();
  if (record) return record;
  const legacy = await openTableByName(defaultTableName);
  if (!legacy) return undefined;
  const adopted = {
    table: defaultTableName,
    model: null,
    dimensions: vectorDimensions(await legacy.schema()),
  };
  writeIndexRecord(adopted);
  return adopted;
}

/** The table searches read, or undefined while nothing was ever ingested. */
export async function openChunksTable(): Promise<lancedb.Table | undefined> {
  const record = await activeIndexRecord();
  return record ? openTableByName(record.table) : undefined;
}

/** Creates an empty chunks table with its full-text index (inside the write queue). */
export function createChunksTable(name: string, dimensions: number): Promise<lancedb.Table> {
  const store = getStore();
  return store.enqueueWrite(() => createTableNow(store, name, dimensions));
}

async function createTableNow(store: StoreState, name: string, dimensions: number): Promise<lancedb.Table> {
  const connection = await store.connection;
  const table = await connection.createEmptyTable(name, chunkSchema(dimensions), { existOk: true });
  store.tables.set(name, Promise.resolve(table));
  const indices = await table.listIndices();
  if (!indices.some((index) => index.indexType === "FTS" && index.columns.includes("text"))) {
    await table.createIndex("text", { config: lancedb.Index.fts(), waitTimeoutSeconds: 60 });
  }
  return table;
}

/** Drops a chunks table that is no longer active (after a re-index, or a failed one). */
export function dropChunksTable(name: string): Promise<void> {
  const store = getStore();
  return store.enqueueWrite(async () => {
    store.tables.delete(name);
    const connection = await store.connection;
    if ((await connection.tableNames()).includes(name)) await connection.dropTable(name);
  });
}

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
    for (const add of pending) if (!accepted.includes(add)) add.reject(modelChanged(record, add.model));
    if (accepted.length > 0) await table.add(concatChunkBatches(accepted.map((add) => add.batch)).table);
    for (const add of accepted) add.resolve();
    store.maintenance.noteWrite();
  } catch (error) {
    for (const add of pending) add.reject(error);
  }
}

async function tableForAdd(store: StoreState, model: string, dimensions: number): Promise<lancedb.Table> {
  const record = await activeIndexRecord();
  if (!record) {
    const table = await createTableNow(store, defaultTableName, dimensions);
    writeIndexRecord({ table: defaultTableName, model, dimensions });
    return table;
  }
  if (!isCompatible(record, model, dimensions)) throw modelChanged(record, model);
  if (record.model === null) writeIndexRecord({ ...record, model });
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

/** Counts stored chunks in the active table, all of them or one document's. */
export async function countChunks(documentId?: string): Promise<number> {
  const table = await openChunksTable();
  if (!table) return 0;
  return table.countRows(documentId ? `documentId = ${sqlString(documentId)}` : undefined);
}

/** A document's chunks in order, for reading and citing (no vectors). */
export async function readDocumentChunks(documentId: string, tableName?: string): Promise<StoredChunk[]> {
  const table = tableName ? await openTableByName(tableName) : await openChunksTable();
  if (!table) return [];
  const rows = (await table
    .query()
    .where(`documentId = ${sqlString(documentId)}`)
    .select(storedChunkColumns)
    .toArray()) as StoredChunk[];
  return rows.map((row) => ({ ...row })).sort((left, right) => left.chunkIndex - right.chunkIndex);
}

/** Compacts the active table now (normally done after each batch of writes), waiting for it. */
export function compactChunksTable(): Promise<void> {
  return getStore().maintenance.runNow();
}

/** Compacts (and indexes, when large enough) a table that is not active yet, e.g. a re-index's. */
export function compactTableByName(name: string): Promise<void> {
  return getStore().enqueueWrite(async () => {
    const table = await openTableByName(name);
    if (table) await maintainTable(table, getEnvironment().KB_ANN_MIN_ROWS);
  });
}

function modelChanged(record: IndexRecord, model: string): AppError {
  return new AppError(
    "conflict",
    `The knowledge base was indexed with the embedding model “${record.model ?? "unknown"}” (${record.dimensions} dimensions), but the configured model is “${model}”. ` +
      "Re-index it on the Knowledge page (or switch EMBEDDING_MODEL back), then add documents.",
  );
}

/** Closes the connection so tests can point DATA_DIR somewhere else. */
export async function closeKnowledgeStoreForTests(): Promise<void> {
  const store = forgetProcessSingleton<StoreState>(singletonName);
  if (!store) return;
  store.maintenance.cancel();
  await store.enqueueWrite(async () => undefined);
  (await store.connection).close();
}
