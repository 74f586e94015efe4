"use client";

import type { KnowledgeDocument, KnowledgeIndexStatus } from "@/lib/kb/document-types";
import { DocumentList } from "./document-list";
import { IndexStatusBanner } from "./index-status-banner";
import { IndexSummary } from "./index-summary";
import { UploadZone } from "./upload-zone";
import { useDocuments } from "./use-documents";

interface KnowledgeBaseProps {
  initialDocuments: KnowledgeDocument[];
  initialIndex: KnowledgeIndexStatus;
  maxUploadBytes: number;
}

/** Upload, watch, cancel, retry, read and delete the documents the retriever agent searches. */
export function KnowledgeBase({ initialDocuments, initialIndex, maxUploadBytes }: KnowledgeBaseProps) {
  const { documents, index, error, notices, uploading, pending, upload, act, reindex } = useDocuments(
    initialDocuments,
    initialIndex,
  );
  return (
    <div className="space-y-6">
      <IndexStatusBanner index={index} onReindex={reindex} />
      <UploadZone uploading={uploading} maxUploadBytes={maxUploadBytes} onFiles={upload} />
      {error && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {error}
        </p>
      )}
      {notices.length > 0 && (
        <div
          role="status"
          className="space-y-1 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          {notices.map((notice) => (
            <p key={notice}>{notice}</p>
          ))}
        </div>
      )}
      <section aria-labelledby="documents-heading" className="space-y-3">
        <h2 id="documents-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-500">
          Documents ({documents.length})
        </h2>
        <IndexSummary index={index} />
        <DocumentList documents={documents} pending={pending} onAction={act} />
      </section>
    </div>
  );
}
