import { MatchQuery } from "@lancedb/lancedb";
import { embed } from "ai";
import { type ChunkRow, storedChunkColumns } from "@/lib/kb/chunk-table";
import { addChunks } from "@/lib/kb/chunk-writes";
import { insertDocumentRow, markDocumentReady } from "@/lib/kb/document-rows";
import { currentEmbeddingModel } from "@/lib/kb/embedding-identity";
import { searchKnowledgeBase } from "@/lib/kb/search";
import { compactChunksTable, openChunksTable } from "@/lib/kb/store";
import { embedOffline } from "@/lib/models/offline-embedding-model";
import { passageText, queries } from "./knowledge-bench-corpus";
import { inKnowledgeDirectory, percentile, sizesFromEnvironment } from "./knowledge-bench-support";
import { compareMedians, timeEach } from "./measure";

/** Fills the chunks table with `size` passages of 50-passage documents, all of them ready. */
export async function fillTable(size: number): Promise<void> {
  const batch = 10_000;
  for (let start = 0; start < size; start += batch) {
    const rows: ChunkRow[] = [];
    for (let index = start; index < Math.min(size, start + batch); index++) {
      const text = passageText(index);
      rows.push({
        id: `bench:${index}`,
        documentId: `document-${Math.floor(index / 50)}`,
        documentName: `document-${Math.floor(index / 50)}.md`,
        chunkIndex: index % 50,
        page: null,
        heading: null,
        charOffset: 0,
        text,
        vector: embedOffline(text),
      });
    }
    await addChunks(rows, "offline:char4grams-2048");
  }
  await compactChunksTable();
  await registerReadyDocuments(Math.ceil(size / 50));
}

/** Search returns passages of ready documents only: the benchmark's documents get their rows. */
async function registerReadyDocuments(count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const id = `document-${index}`;
    await insertDocumentRow({
      id,
      name: `${id}.md`,
      title: null,
      mediaType: "text/markdown",
      size: 1,
      contentHash: `bench-${id}`,
      pages: null,
    });
    await markDocumentReady(id, 50);
  }
}

/** The raw LanceDB queries the retriever makes, by hand: the same vector and BM25 queries, concurrently. */
export async function rawHybridQuery(query: string, vector: number[]): Promise<unknown> {
  const table = await openChunksTable();
  if (!table) throw new Error("no table");
  return Promise.all([
    table
      .vectorSearch(vector)
      .distanceType("cosine")
      .refineFactor(5)
      .select([...storedChunkColumns, "_distance"])
      .limit(20)
      .toArray(),
    table
      .query()
      .fullTextSearch(new MatchQuery(query, "text"))
      .select([...storedChunkColumns, "_score"])
      .limit(20)
      .toArray(),
  ]);
}

async function annRecall(): Promise<{ recall: number; p50: number }> {
  const table = await openChunksTable();
  if (!table) throw new Error("no table");
  let found = 0;
  const times: number[] = [];
  for (const query of queries) {
    const vector = embedOffline(query);
    const exact = await table
      .vectorSearch(vector)
      .distanceType("cosine")
      .bypassVectorIndex()
      .limit(10)
      .select(["id", "_distance"])
      .toArray();
    const start = performance.now();
    const approximate = await table
      .vectorSearch(vector)
      .distanceType("cosine")
      .refineFactor(5)
      .limit(10)
      .select(["id", "_distance"])
      .toArray();
    times.push(performance.now() - start);
    const exactIds = new Set(exact.map((row) => row.id));
    found += approximate.filter((row) => exactIds.has(row.id)).length;
  }
  return { recall: found / (queries.length * 10), p50: percentile(times, 0.5) };
}

async function benchmarkSize(size: number): Promise<void> {
  const started = performance.now();
  await fillTable(size);
  const table = await openChunksTable();
  const annIndex = (await table?.listIndices())?.some((index) => index.columns.includes("vector")) ?? false;
  console.log(
    `${size} chunks (clustered offline embeddings), built in ${((performance.now() - started) / 1000).toFixed(1)} s; ANN index: ${annIndex ? "yes (IVF_HNSW_SQ)" : "no (exact search)"}`,
  );
  let next = 0;
  const nextQuery = () => queries[next++ % queries.length];
  const options = { rounds: 8, iterations: 10, warmup: 10 };
  const { model } = currentEmbeddingModel();
  const overEmbedded = await compareMedians(
    async () => {
      const query = nextQuery();
      return rawHybridQuery(query, (await embed({ model, value: query })).embedding);
    },
    () => searchKnowledgeBase({ query: nextQuery(), k: 5 }),
    options,
  );
  console.log(
    `  search_knowledge_base median ${overEmbedded.candidateMs.toFixed(2)} ms; embedding the query + the same LanceDB vector and BM25 queries by hand, median ${overEmbedded.baselineMs.toFixed(2)} ms`,
  );
  console.log(`  search overhead ratio: ${overEmbedded.ratio.toFixed(2)}× (target ≤ 1.1×)`);
  const vectors = new Map(queries.map((query) => [query, embedOffline(query)]));
  const overRaw = await compareMedians(
    () => {
      const query = nextQuery();
      return rawHybridQuery(query, vectors.get(query) as number[]);
    },
    () => searchKnowledgeBase({ query: nextQuery(), k: 5 }),
    options,
  );
  console.log(
    `  against the LanceDB queries alone (query vectors computed beforehand, median ${overRaw.baselineMs.toFixed(2)} ms): ${overRaw.ratio.toFixed(2)}×`,
  );
  const p50 = percentile(await timeEach(() => searchKnowledgeBase({ query: nextQuery(), k: 5 }), 60), 0.5);
  console.log(
    `  search_knowledge_base p50: ${p50.toFixed(2)} ms${size >= 100_000 ? " (target ≤ 10 ms at 100k)" : ""}`,
  );
  if (annIndex) {
    const ann = await annRecall();
    console.log(
      `  ANN recall@10 against exact search: ${ann.recall.toFixed(3)} (target ≥ 0.95); ANN vector query p50 ${ann.p50.toFixed(2)} ms`,
    );
  }
}

/**
 * Search at 10k and 100k chunks (KB_BENCH_SEARCH_SIZES, e.g. "10000,100000"): the retriever's call
 * against the same LanceDB queries made by hand on the same table, and with the ANN index (built
 * automatically from KB_ANN_MIN_ROWS, 20000 by default) its recall@10 against exact search.
 */
export async function benchmark() {
  const sizes = sizesFromEnvironment("KB_BENCH_SEARCH_SIZES", [10_000, 100_000]);
  console.log(`sizes: ${sizes.join(", ")} chunks (KB_BENCH_SEARCH_SIZES)`);
  for (const size of sizes) await inKnowledgeDirectory(`search-${size}`, () => benchmarkSize(size));
}
