import {
  Table as ArrowTable,
  type DataType,
  Field,
  FixedSizeList,
  Float32,
  Int32,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Utf8,
  vectorFromArray,
} from "apache-arrow";

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

/** The columns a search reads (everything but the vector). */
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

/** The Arrow schema of a chunks table whose vectors have this many dimensions. */
export function chunkSchema(dimensions: number): Schema {
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

/** The length of the vectors a schema holds (0 when it has no vector column). */
export function vectorDimensions(schema: Schema): number {
  const field = schema.fields.find((candidate) => candidate.name === "vector");
  return (field?.type as FixedSizeList | undefined)?.listSize ?? 0;
}

/** A SQL string literal for LanceDB filters. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Chunks ready to add: an Arrow table of the chunk schema and the length of its vectors. */
export interface ChunkBatch {
  table: ArrowTable;
  dimensions: number;
}

/**
 * Converts chunk rows to Arrow once, so that the conversion of a long document happens batch by
 * batch while it is still being read, and the final commit only concatenates.
 */
export function toChunkBatch(rows: ChunkRow[]): ChunkBatch {
  const dimensions = rows[0]?.vector.length ?? 0;
  const schema = chunkSchema(dimensions);
  const column = (name: keyof ChunkRow, type: DataType) =>
    vectorFromArray(
      rows.map((row) => row[name]),
      type,
    ).data[0];
  const children = schema.fields.map((field) =>
    field.name === "vector"
      ? vectorData(rows, field.type as FixedSizeList)
      : column(field.name as keyof ChunkRow, field.type),
  );
  const data = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children });
  return { table: new ArrowTable(schema, new RecordBatch(schema, data)), dimensions };
}

// The vectors are copied straight into one Float32Array: building them value by value through
// Arrow's generic builders cost as much as embedding them offline.
function vectorData(rows: ChunkRow[], type: FixedSizeList) {
  const values = new Float32Array(rows.length * type.listSize);
  rows.forEach((row, index) => {
    if (row.vector.length !== type.listSize) {
      throw new Error(`A vector of ${row.vector.length} dimensions cannot join vectors of ${type.listSize}.`);
    }
    values.set(row.vector, index * type.listSize);
  });
  const items = makeData({ type: type.children[0].type, length: values.length, nullCount: 0, data: values });
  return makeData({ type, length: rows.length, nullCount: 0, child: items });
}

/** Several batches of the same vector length as one. */
export function concatChunkBatches(batches: ChunkBatch[]): ChunkBatch {
  const [first, ...rest] = batches;
  for (const batch of rest) {
    if (batch.dimensions !== first.dimensions) {
      throw new Error(
        `Vectors of ${batch.dimensions} and ${first.dimensions} dimensions cannot be stored together.`,
      );
    }
  }
  return { table: first.table.concat(...rest.map((batch) => batch.table)), dimensions: first.dimensions };
}
