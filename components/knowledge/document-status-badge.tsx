import type { DocumentStatus } from "@/lib/kb/document-types";

const tone: Record<DocumentStatus, string> = {
  processing: "bg-sky-50 text-sky-700 ring-sky-200",
  ready: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
};

/** A document's status as a small coloured label with the status word. */
export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  return (
    <span
      data-slot="document-status"
      data-status={status}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone[status]}`}
    >
      {status}
    </span>
  );
}
