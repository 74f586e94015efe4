import Link from "next/link";
import type { DocumentPassage } from "@/lib/kb/document-passages";
import type { KnowledgeDocument } from "@/lib/kb/document-types";
import { formatBytes } from "@/lib/kb/format-bytes";
import { PassageView } from "./passage-view";

interface DocumentReaderProps {
  document: KnowledgeDocument;
  passages: DocumentPassage[];
  citedPassage?: number;
}

/** A document as the knowledge base holds it: its details and its passages, the cited one highlighted. */
export function DocumentReader({ document, passages, citedPassage }: DocumentReaderProps) {
  const details = [
    formatBytes(document.size),
    document.pages ? `${document.pages} pages` : undefined,
    `${passages.length} passages`,
  ].filter(Boolean);
  return (
    <article aria-labelledby="document-title" className="space-y-6">
      <header className="space-y-1">
        <h1 id="document-title" className="break-words text-2xl font-semibold">
          {document.name}
        </h1>
        {document.title && document.title !== document.name && (
          <p className="text-zinc-600">{document.title}</p>
        )}
        <p className="text-sm text-zinc-500">{details.join(" · ")}</p>
        {document.status === "ready" && (
          <Link
            href={askAboutHref(document.name)}
            className="inline-block rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
          >
            Ask about this document
          </Link>
        )}
      </header>
      {document.status !== "ready" ? (
        <p role="status" className="rounded-lg border border-zinc-200 bg-white p-4 text-sm text-zinc-600">
          This document is {document.status}
          {document.error ? `: ${document.error}` : "."} Its passages show here once it is ready.
        </p>
      ) : (
        <ol aria-label="Passages" className="space-y-3">
          {passages.map((passage) => (
            <PassageView
              key={passage.chunkIndex}
              passage={passage}
              cited={passage.chunkIndex === citedPassage}
            />
          ))}
        </ol>
      )}
    </article>
  );
}

/** A new chat whose message box names the document, which limits the knowledge search to it. */
export function askAboutHref(name: string): string {
  return `/?${new URLSearchParams({ draft: `In “${name}”, ` })}`;
}
