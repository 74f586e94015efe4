import "server-only";
import { MatchQuery, type Table } from "@lancedb/lancedb";
import { embed } from "ai";
import { AppError } from "@/lib/errors";
import { getEmbeddingModel } from "@/lib/models/provider";
import { fuseRankings } from "./rank-fusion";
import {
  assertDimensions,
  openChunksTable,
  type StoredChunk,
  sqlString,
  storedChunkColumns,
  storedVectorDimensions,
} from "./store";

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
  /** Reciprocal-rank-fusion score: higher is better; comparable only within one search. */
  score: number;
}

export interface SearchKnowledgeBaseOptions {
  query: string;
  /** How many passages to return (default 5). */
  k?: number;
  /** Only search these documents. */
  documentIds?: string[];
  abortSignal?: AbortSignal;
}

const candidatesPerRetriever = 20;
const maxQueryLength = 2000;

/**
 * Hybrid search: the query's embedding finds passages by meaning, the BM25 full-text index finds
 * them by words, and reciprocal rank fusion merges both rankings. Returns [] before any ingestion.
 */
export async function searchKnowledgeBase(options: SearchKnowledgeBaseOptions): Promise<KnowledgePassage[]> {
  const query = options.query.trim().slice(0, maxQueryLength);
  if (!query) throw new AppError("bad_request", "The search query is empty; say what to look for.");
  const k = options.k ?? 5;
  if (options.documentIds?.length === 0) return [];
  const table = await openChunksTable();
  if (!table) return [];
  const filter = options.documentIds
    ? `documentId IN (${options.documentIds.map(sqlString).join(", ")})`
    : undefined;
  const limit = Math.max(candidatesPerRetriever, k);
  const [byMeaning, byWords] = await Promise.all([
    searchByVector(table, query, { filter, limit }, options.abortSignal),
    searchByText(table, query, { filter, limit }),
  ]);
  return fuseRankings([byMeaning, byWords], (chunk) => chunk.id)
    .slice(0, k)
    .map(({ item, score }) => toPassage(item, score));
}

interface CandidateOptions {
  filter: string | undefined;
  limit: number;
}

async function searchByVector(
  table: Table,
  query: string,
  { filter, limit }: CandidateOptions,
  abortSignal?: AbortSignal,
): Promise<StoredChunk[]> {
  const { embedding } = await embed({ model: getEmbeddingModel(), value: query, abortSignal });
  assertDimensions(await storedVectorDimensions(table), embedding.length);
  let search = table
    .vectorSearch(embedding)
    .distanceType("cosine")
    .select([...storedChunkColumns, "_distance"])
    .limit(limit);
  if (filter) search = search.where(filter);
  return (await search.toArray()) as StoredChunk[];
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
