import type { KnowledgeDocument } from "@/lib/kb/document-types";
import { formatBytes } from "@/lib/kb/format-bytes";
import { plural } from "@/lib/plural";
import { DocumentProgress } from "./document-progress";
import { DocumentStatusBadge } from "./document-status-badge";
import type { PendingActions } from "./use-documents";

const formatLabel: Record<string, string> = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "text/html": "HTML",
  "text/markdown": "Markdown",
  "text/plain": "Text",
};

export type DocumentAction = "deleting" | "cancelling" | "retrying";

interface DocumentItemProps {
  document: KnowledgeDocument;
  pending: PendingActions;
  onAction: (document: KnowledgeDocument, action: DocumentAction) => void;
}

function describeDetails(document: KnowledgeDocument): string {
  const details = [formatLabel[document.mediaType] ?? document.mediaType, formatBytes(document.size)];
  if (document.pages) details.push(plural(document.pages, "page"));
  if (document.status === "ready") details.push(plural(document.chunks, "passage"));
  return details.join(" · ");
}

const buttonStyle =
  "rounded-lg px-2.5 py-1 text-sm text-zinc-600 ring-1 ring-zinc-200 hover:bg-zinc-50 disabled:cursor-wait disabled:opacity-50";

function ActionButton({
  label,
  busyLabel,
  busy,
  onClick,
  name,
}: {
  label: string;
  busyLabel: string;
  busy: boolean;
  onClick: () => void;
  name: string;
}) {
  return (
    <button
      type="button"
      aria-label={`${label} ${name}`}
      disabled={busy}
      onClick={onClick}
      className={buttonStyle}
    >
      {busy ? busyLabel : label}
    </button>
  );
}

/** One document: name (a link to read it once ready), details, status, progress, error, and its actions. */
export function DocumentItem({ document, pending, onAction }: DocumentItemProps) {
  const action = pending.get(document.id);
  return (
    <li
      data-slot="document-item"
      aria-label={document.name}
      className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs"
    >
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          {document.status === "ready" ? (
            <a
              href={`/knowledge/${encodeURIComponent(document.id)}`}
              className="block truncate font-medium text-sky-800 hover:underline"
              title={document.name}
            >
              {document.name}
            </a>
          ) : (
            <p className="truncate font-medium text-zinc-900" title={document.name}>
              {document.name}
            </p>
          )}
          <p className="mt-0.5 text-xs text-zinc-500">{describeDetails(document)}</p>
        </div>
        <DocumentStatusBadge status={document.status} />
        {document.status === "processing" && (
          <ActionButton
            label="Cancel"
            busyLabel="Cancelling…"
            busy={action !== undefined}
            name={document.name}
            onClick={() => onAction(document, "cancelling")}
          />
        )}
        {document.status === "failed" && (
          <ActionButton
            label="Retry"
            busyLabel="Retrying…"
            busy={action !== undefined}
            name={document.name}
            onClick={() => onAction(document, "retrying")}
          />
        )}
        <ActionButton
          label="Delete"
          busyLabel="Deleting…"
          busy={action !== undefined}
          name={document.name}
          onClick={() => onAction(document, "deleting")}
        />
      </div>
      {document.status === "processing" && <DocumentProgress document={document} />}
      {document.status === "failed" && document.error && (
        <p className="mt-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">{document.error}</p>
      )}
    </li>
  );
}
