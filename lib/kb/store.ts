import "server-only";
import path from "node:path";
import * as lancedb from "@lancedb/lancedb";
import { Field, FixedSizeList, Float32, Int32, Schema, Utf8 } from "apache-arrow";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { forgetProcessSingleton, processSingleton } from "./process-singleton";
import { createWriteQueue } from "./write-queue";

/** One chunk as stored in LanceDB (a type alias, so it is assignable to LanceDB's record type). */
export type ChunkRow = {
  id: string;
  documentId: string;
  documentName: string;
  chunkIndex: number;
  page: number | null;
  heading: string | null;
  charOffset: number;
  text: string;
  vector: number[];
};

/** A chunk read back from a search, without its vector. */
export type StoredChunk = Omit<ChunkRow, "vector">;

interface StoreState {
  directory: string;
  connection: Promise<lancedb.Connection>;
  table?: Promise<lancedb.Table>;
  enqueueWrite: ReturnType<typeof createWriteQueue>;
}

const tableName = "chunks";
const singletonName = "kb.store";
export const storedChunkColumns = [
  "id",
  "documentId",
  "documentName",
  "chunkIndex",
  "page",
  "heading",
  "charOffset",
  "text",
];

function getStore(): StoreState {
  const directory = path.join(getEnvironment().dataDirectory, "lancedb");
  const store = processSingleton<StoreState>(singletonName, () => createStore(directory));
  if (store.directory === directory) return store;
  forgetProcessSingleton(singletonName);
  return processSingleton<StoreState>(singletonName, () => createStore(directory));
}

function createStore(directory: string): StoreState {
  // Reads check for new versions every time, so a search sees what another handle just wrote.
  return {
    directory,
    connection: lancedb.connect(directory, { readConsistencyInterval: 0 }),
    enqueueWrite: createWriteQueue(),
  };
}

function chunkSchema(dimensions: number): Schema {
  return new Schema([
    new Field("id", new Utf8(), false),
    new Field("documentId", new Utf8(), false),
    new Field("documentName", new Utf8(), false),
    new Field("chunkIndex", new Int32(), false),
    new Field("page", new Int32(), true),
    new Field("heading", new Utf8(), true),
    new Field("charOffset", new Int32(), false),
    new Field("text", new Utf8(), false),
    new Field("vector", new FixedSizeList(dimensions, new Field("item", new Float32(), true)), false),
  ]);
}

/** The chunks table, or undefined while nothing was ever ingested. */
export async function openChunksTable(): Promise<lancedb.Table | undefined> {
  const store = getStore();
  if (store.table) return store.table;
  const connection = await store.connection;
  if (!(await connection.tableNames()).includes(tableName)) return undefined;
  const opening = connection.openTable(tableName);
  store.table = opening;
  // A failed open is not remembered, so the next call tries again.
  opening.catch(() => {
    if (store.table === opening) store.table = undefined;
  });
  return opening;
}

// Runs inside the write queue only: creating the table and its index are writes.
async function openOrCreateChunksTable(dimensions: number): Promise<lancedb.Table> {
  const store = getStore();
  const existing = await openChunksTable();
  const table =
    existing ??
    (await (await store.connection).createEmptyTable(tableName, chunkSchema(dimensions), { existOk: true }));
  store.table = Promise.resolve(table);
  await ensureFullTextIndex(table);
  return table;
}

async function ensureFullTextIndex(table: lancedb.Table): Promise<void> {
  const indices = await table.listIndices();
  if (indices.some((index) => index.indexType === "FTS" && index.columns.includes("text"))) return;
  await table.createIndex("text", { config: lancedb.Index.fts(), waitTimeoutSeconds: 60 });
}

/** The length of the stored vectors, read from the table's schema. */
export async function storedVectorDimensions(table: lancedb.Table): Promise<number> {
  const field = (await table.schema()).fields.find((candidate) => candidate.name === "vector");
  return (field?.type as FixedSizeList | undefined)?.listSize ?? 0;
}

/** Refuses vectors whose length differs from the table's: the embedding model changed since ingestion. */
export function assertDimensions(stored: number, given: number): void {
  if (stored === given) return;
  throw new AppError(
    "conflict",
    `The knowledge base was built with ${stored}-dimensional embeddings, but the embedding model now returns ${given}. ` +
      "Switch EMBEDDING_MODEL back, or delete the documents (or DATA_DIR/lancedb) and upload them again.",
  );
}

/**
 * Adds one document's chunks in a single commit (so a document is never half searchable), then
 * optimizes the table so the full-text index covers the new rows.
 */
export function addChunks(rows: ChunkRow[]): Promise<void> {
  if (rows.length === 0) return Promise.resolve();
  const dimensions = rows[0].vector.length;
  return getStore().enqueueWrite(async () => {
    const table = await openOrCreateChunksTable(dimensions);
    assertDimensions(await storedVectorDimensions(table), dimensions);
    await table.add(rows);
    await table.optimize();
  });
}

/** Removes every chunk of a document. */
export function deleteChunks(documentId: string): Promise<void> {
  return getStore().enqueueWrite(async () => {
    const table = await openChunksTable();
    if (!table) return;
    await table.delete(`documentId = ${sqlString(documentId)}`);
  });
}

/** Counts stored chunks, all of them or one document's. */
export async function countChunks(documentId?: string): Promise<number> {
  const table = await openChunksTable();
  if (!table) return 0;
  return table.countRows(documentId ? `documentId = ${sqlString(documentId)}` : undefined);
}

/** A SQL string literal for LanceDB filters. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Closes the connection so tests can point DATA_DIR somewhere else. */
export async function closeKnowledgeStoreForTests(): Promise<void> {
  const store = forgetProcessSingleton<StoreState>(singletonName);
  if (!store) return;
  await store.enqueueWrite(async () => undefined);
  (await store.connection).close();
}
