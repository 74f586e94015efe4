import type { KnowledgeDocument } from "@/lib/kb/document-types";
import { DocumentItem } from "./document-item";

interface DocumentListProps {
  documents: KnowledgeDocument[];
  deleting: ReadonlySet<string>;
  onDelete: (document: KnowledgeDocument) => void;
}

/** The documents of the knowledge base, newest first, or a note that there are none yet. */
export function DocumentList({ documents, deleting, onDelete }: DocumentListProps) {
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
        <DocumentItem
          key={document.id}
          document={document}
          deleting={deleting.has(document.id)}
          onDelete={onDelete}
        />
      ))}
    </ul>
  );
}
