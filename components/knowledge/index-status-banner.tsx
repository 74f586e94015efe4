import type { KnowledgeIndexStatus } from "@/lib/kb/document-types";

interface IndexStatusBannerProps {
  index: KnowledgeIndexStatus;
  onReindex: () => void;
}

/**
 * Says when the embedding model changed since the documents were indexed and offers the re-index;
 * shows a running re-index's progress, or why the last one failed. Nothing when all is well.
 */
export function IndexStatusBanner({ index, onReindex }: IndexStatusBannerProps) {
  const reindex = index.reindex;
  if (reindex?.status === "running") {
    const percent = reindex.total ? Math.round((reindex.done / reindex.total) * 100) : 0;
    return (
      <section
        aria-label="Search index"
        className="space-y-2 rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900"
      >
        <p>
          Re-indexing with “{reindex.targetModel}”: {reindex.done} of {reindex.total} documents. Searches use
          the old index until it is done.
        </p>
        <div
          role="progressbar"
          aria-label="Re-index progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="h-1.5 overflow-hidden rounded-full bg-sky-100"
        >
          <div className="h-full rounded-full bg-sky-500" style={{ width: `${Math.max(percent, 2)}%` }} />
        </div>
      </section>
    );
  }
  if (!index.modelChanged && reindex?.status !== "failed") return null;
  return (
    <section
      aria-label="Search index"
      className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
    >
      {index.modelChanged && (
        <p>
          The documents were indexed with the embedding model “{index.indexedModel}”, but “
          {index.configuredModel}” is configured now. Until they are re-indexed, searches match keywords only
          and new uploads wait.
        </p>
      )}
      {reindex?.status === "failed" && <p role="alert">{reindex.error}</p>}
      <button
        type="button"
        onClick={onReindex}
        className="rounded-lg bg-amber-600 px-3 py-1.5 font-medium text-white hover:bg-amber-700"
      >
        Re-index all documents
      </button>
    </section>
  );
}
