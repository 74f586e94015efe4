import type { KnowledgeDocument } from "@/lib/kb/document-types";
import { type DocumentAction, DocumentItem } from "./document-item";
import type { PendingActions } from "./use-documents";

interface DocumentListProps {
  documents: KnowledgeDocument[];
  pending: PendingActions;
  onAction: (document: KnowledgeDocument, action: DocumentAction) => void;
}

/** The documents of the knowledge base, newest first, or a note that there are none yet. */
export function DocumentList({ documents, pending, onAction }: DocumentListProps) {
  if (documents.length === 0) {
    return (
      <p className="rounded-xl border border-zinc-200 bg-white p-6 text-center text-sm text-zinc-500">
        No documents yet. Upload some and the retriever agent will search them when you chat.
      </p>
    );
  }
  return (
    <ul aria-label="Documents" className="space-y-3">
      {documents.map((document) => (
        <DocumentItem key={document.id} document={document} pending={pending} onAction={onAction} />
      ))}
    </ul>
  );
}
