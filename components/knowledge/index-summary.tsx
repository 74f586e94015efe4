import type { KnowledgeIndexStatus } from "@/lib/kb/document-types";
import { plural } from "@/lib/plural";

/** What the retriever searches: how many passages, with which embedding model, and how. */
export function IndexSummary({ index }: { index: KnowledgeIndexStatus }) {
  if (!index.table) return null;
  const search =
    index.table.vectorSearch === "approximate"
      ? "approximate vector search (ANN index) with BM25"
      : "exact vector search with BM25";
  return (
    <p role="note" aria-label="Search index summary" className="text-sm text-zinc-500">
      {plural(index.table.passages, "passage")} searchable · {search} · embeddings “
      {index.indexedModel ?? "unknown"}”
    </p>
  );
}
