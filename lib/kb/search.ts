import "server-only";
import { MatchQuery, type Table } from "@lancedb/lancedb";
import { embed } from "ai";
import { AppError } from "@/lib/errors";
import { type StoredChunk, sqlString, storedChunkColumns } from "./chunk-table";
import { selectDocumentIds } from "./document-rows";
import { currentEmbeddingModel } from "./embedding-identity";
import { type IndexRecord, isCompatible, readIndexRecord } from "./index-record";
import { recordDimensionMismatch } from "./index-status";
import { fuseRankings } from "./rank-fusion";
import { activeIndexRecord, openTableByName } from "./store";

/** A passage found in the knowledge base, with what a citation needs. */
export interface KnowledgePassage {
  chunkId: string;
  documentId: string;
  documentName: string;
  page: number | null;
  chunkIndex: number;
  heading: string | null;
  /** Character offset of the passage in its document's extracted text. */
  offset: number;
  text: string;
  /** Reciprocal-rank-fusion score (or the single retriever's rank score): higher is better, within one search. */
  score: number;
}

/** Both retrievers fused (the default), or one alone (for the retrieval evaluation). */
export type SearchMode = "hybrid" | "vector" | "text";

export interface SearchKnowledgeBaseOptions {
  query: string;
  /** How many passages to return (default 5). */
  k?: number;
  /** Only search these documents. */
  documentIds?: string[];
  mode?: SearchMode;
  abortSignal?: AbortSignal;
}

/** Passages, best first, and a note when the search could not use everything (e.g. a model change). */
export interface KnowledgeSearchResult {
  passages: KnowledgePassage[];
  notice?: string;
}

const candidatesPerRetriever = 20;
const maxQueryLength = 2000;
// With an ANN index, this many times k candidates are re-ranked by exact distance (recall ≈ 1).
const refineFactor = 5;

/**
 * Hybrid search: the query's embedding finds passages by meaning, the BM25 full-text index finds
 * them by words, and reciprocal rank fusion merges both rankings. Only ready documents are returned.
 * When the index was built with another embedding model, it falls back to words alone and says so.
 */
export async function searchKnowledgeBase(
  options: SearchKnowledgeBaseOptions,
): Promise<KnowledgeSearchResult> {
  const query = options.query.trim().slice(0, maxQueryLength);
  if (!query) throw new AppError("bad_request", "The search query is empty; say what to look for.");
  const k = options.k ?? 5;
  const mode = options.mode ?? "hybrid";
  if (options.documentIds?.length === 0) return { passages: [] };
  const record = (await readIndexRecord()) ?? (await activeIndexRecord());
  if (!record) return { passages: [] };
  // The query's embedding is started first: with a remote model it is the slowest step.
  const embedder = currentEmbeddingModel();
  const embedding = mode === "text" ? undefined : embedQuery(embedder, record, query, options.abortSignal);
  const table = await openTableByName(record.table);
  if (!table) return { passages: [] };
  const candidates: CandidateOptions = {
    filter: options.documentIds
      ? `documentId IN (${options.documentIds.map(sqlString).join(", ")})`
      : undefined,
    limit: Math.max(candidatesPerRetriever, k),
  };
  const [byWords, byMeaning] = await Promise.all([
    mode === "vector" ? [] : searchByText(table, query, candidates),
    embedding !== undefined
      ? searchByVector(table, embedding, candidates)
      : { chunks: [] as StoredChunk[], notice: undefined },
  ]);
  // Only ready documents are searchable: one being added, cancelled, failed or deleted never is.
  const searchable = new Set(await selectDocumentIds("ready"));
  const rankings = [{ items: byMeaning.chunks, weight: embedder.fusionWeight }, { items: byWords }];
  const passages = fuseRankings(rankings, (chunk) => chunk.id)
    .filter(({ item }) => searchable.has(item.documentId))
    .slice(0, k)
    .map(({ item, score }) => toPassage(item, score));
  return byMeaning.notice ? { passages, notice: byMeaning.notice } : { passages };
}

interface CandidateOptions {
  filter: string | undefined;
  limit: number;
}

type QueryEmbedding = { vector: number[] } | { notice: string };

async function embedQuery(
  { model, name }: ReturnType<typeof currentEmbeddingModel>,
  record: IndexRecord,
  query: string,
  abortSignal?: AbortSignal,
): Promise<QueryEmbedding> {
  if (!isCompatible(record, name)) return { notice: modelChangedNotice(record, name) };
  const { embedding } = await embed({ model, value: query, abortSignal });
  if (isCompatible(record, name, embedding.length)) return { vector: embedding };
  await recordDimensionMismatch(name, embedding.length);
  return { notice: modelChangedNotice(record, name) };
}

async function searchByVector(
  table: Table,
  embedding: Promise<QueryEmbedding>,
  { filter, limit }: CandidateOptions,
): Promise<{ chunks: StoredChunk[]; notice?: string }> {
  const query = await embedding;
  if ("notice" in query) return { chunks: [], notice: query.notice };
  let search = table
    .vectorSearch(query.vector)
    .distanceType("cosine")
    .refineFactor(refineFactor)
    .select([...storedChunkColumns, "_distance"])
    .limit(limit);
  if (filter) search = search.where(filter);
  return { chunks: (await search.toArray()) as StoredChunk[] };
}

async function searchByText(
  table: Table,
  query: string,
  { filter, limit }: CandidateOptions,
): Promise<StoredChunk[]> {
  // A MatchQuery tokenizes the text itself: no query syntax, so user input cannot break the query.
  let search = table
    .query()
    .fullTextSearch(new MatchQuery(query, "text"))
    .select([...storedChunkColumns, "_score"])
    .limit(limit);
  if (filter) search = search.where(filter);
  return (await search.toArray()) as StoredChunk[];
}

function modelChangedNotice(record: IndexRecord, model: string): string {
  return (
    `The knowledge base was indexed with the embedding model “${record.model ?? "unknown"}” (${record.dimensions} dimensions), ` +
    `but “${model}” is configured now, so this search matched keywords only. Re-index it on the Knowledge page.`
  );
}

function toPassage(chunk: StoredChunk, score: number): KnowledgePassage {
  return {
    chunkId: chunk.id,
    documentId: chunk.documentId,
    documentName: chunk.documentName,
    page: chunk.page ?? null,
    chunkIndex: chunk.chunkIndex,
    heading: chunk.heading ?? null,
    offset: chunk.charOffset,
    text: chunk.text,
    score,
  };
}
