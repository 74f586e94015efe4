import type { KnowledgeDocument } from "@/lib/kb/document-types";
import { formatBytes } from "@/lib/kb/format-bytes";
import { DocumentProgress } from "./document-progress";
import { DocumentStatusBadge } from "./document-status-badge";

const formatLabel: Record<string, string> = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "text/html": "HTML",
  "text/markdown": "Markdown",
  "text/plain": "Text",
};

interface DocumentItemProps {
  document: KnowledgeDocument;
  deleting: boolean;
  onDelete: (document: KnowledgeDocument) => void;
}

function describeDetails(document: KnowledgeDocument): string {
  const details = [formatLabel[document.mediaType] ?? document.mediaType, formatBytes(document.size)];
  if (document.pages) details.push(`${document.pages} ${document.pages === 1 ? "page" : "pages"}`);
  if (document.status !== "failed")
    details.push(`${document.chunks} ${document.chunks === 1 ? "chunk" : "chunks"}`);
  return details.join(" · ");
}

/** One document: name, details, status, progress while processing, the error if it failed, Delete. */
export function DocumentItem({ document, deleting, onDelete }: DocumentItemProps) {
  return (
    <li
      data-slot="document-item"
      aria-label={document.name}
      className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs"
    >
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <p className="truncate font-medium text-zinc-900" title={document.name}>
            {document.name}
          </p>
          <p className="mt-0.5 text-xs text-zinc-500">{describeDetails(document)}</p>
        </div>
        <DocumentStatusBadge status={document.status} />
        <button
          type="button"
          aria-label={`Delete ${document.name}`}
          disabled={deleting}
          onClick={() => onDelete(document)}
          className="rounded-lg px-2.5 py-1 text-sm text-zinc-600 ring-1 ring-zinc-200 hover:bg-red-50 hover:text-red-700 hover:ring-red-200 disabled:cursor-wait disabled:opacity-50"
        >
          {deleting ? "Deleting…" : "Delete"}
        </button>
      </div>
      {document.status === "processing" && <DocumentProgress document={document} />}
      {document.status === "failed" && document.error && (
        <p className="mt-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">{document.error}</p>
      )}
    </li>
  );
}
