import "server-only";
import * as lancedb from "@lancedb/lancedb";
import { getEnvironment } from "@/lib/env";
import { forgetProcessSingleton, processSingleton } from "@/lib/process-singleton";
import { lanceDatabaseLocation } from "@/lib/storage/storage-location";
import {
  type ChunkBatch,
  chunkSchema,
  type StoredChunk,
  sqlString,
  storedChunkColumns,
  vectorDimensions,
} from "./chunk-table";
import { type IndexRecord, readIndexRecord, writeIndexRecord } from "./index-record";
import { createMaintenanceScheduler, type MaintenanceScheduler, maintainTable } from "./table-maintenance";
import { createWriteQueue } from "./write-queue";

/** An add waiting in the write queue to be committed with the others that arrived meanwhile. */
export interface PendingAdd {
  batch: ChunkBatch;
  model: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The connection, open tables and write queue of one LanceDB database (a folder or an S3 prefix). */
export interface StoreState {
  /** The database's URI. */
  directory: string;
  connection: Promise<lancedb.Connection>;
  tables: Map<string, Promise<lancedb.Table>>;
  enqueueWrite: ReturnType<typeof createWriteQueue>;
  pendingAdds: PendingAdd[];
  maintenance: MaintenanceScheduler;
}

// LanceDB warns on every index-statistics call that it will stop including IVF centroids; listing
// indexes after each compaction would fill the server log with it. Opt in to the new behaviour.
process.env.LANCE_INCLUDE_VECTOR_CENTROIDS ??= "false";

/** The first chunks table of a data directory. */
export const defaultTableName = "chunks";
const singletonName = "kb.store";

/** The store of the current DATA_DIR (one per process). */
export function getStore(): StoreState {
  const location = lanceDatabaseLocation();
  const store = processSingleton<StoreState>(singletonName, () => createStore(location));
  if (store.directory === location.uri) return store;
  store.maintenance.cancel();
  forgetProcessSingleton(singletonName);
  return processSingleton<StoreState>(singletonName, () => createStore(location));
}

function createStore({ uri, storageOptions }: ReturnType<typeof lanceDatabaseLocation>): StoreState {
  const enqueueWrite = createWriteQueue();
  const store: StoreState = {
    directory: uri,
    // Reads check for new versions every time, so a search sees what another handle (or replica) just wrote.
    connection: lancedb.connect(uri, { readConsistencyInterval: 0, storageOptions }),
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
  const record = await readIndexRecord();
  if (record) return record;
  const legacy = await openTableByName(defaultTableName);
  if (!legacy) return undefined;
  const adopted = {
    table: defaultTableName,
    model: null,
    dimensions: vectorDimensions(await legacy.schema()),
  };
  await writeIndexRecord(adopted);
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

/** Creates a chunks table with its full-text index; call it inside the write queue. */
export async function createTableNow(
  store: StoreState,
  name: string,
  dimensions: number,
): Promise<lancedb.Table> {
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

/** Closes the connection so tests can point DATA_DIR somewhere else. */
export async function closeKnowledgeStoreForTests(): Promise<void> {
  const store = forgetProcessSingleton<StoreState>(singletonName);
  if (!store) return;
  store.maintenance.cancel();
  await store.enqueueWrite(async () => undefined);
  (await store.connection).close();
}
