import "server-only";
import { readKnowledgeState, writeKnowledgeState } from "./knowledge-state";

/** Which LanceDB table holds the searchable chunks, and what embedding model made its vectors. */
export interface IndexRecord {
  table: string;
  /** `provider:modelId`; null for a table built before models were recorded. */
  model: string | null;
  dimensions: number;
}

const key = "index";

/** The active index, or undefined while nothing was ever indexed. */
export function readIndexRecord(): Promise<IndexRecord | undefined> {
  return readKnowledgeState<IndexRecord>(key);
}

/** Makes a table (with its model) the one searches and new documents use. */
export function writeIndexRecord(record: IndexRecord): Promise<void> {
  return writeKnowledgeState(key, record);
}

/** True when vectors from `model` with `dimensions` can be stored in or compared with the index. */
export function isCompatible(record: IndexRecord, model: string, dimensions?: number): boolean {
  if (dimensions !== undefined && dimensions !== record.dimensions) return false;
  return record.model === null || record.model === model;
}
