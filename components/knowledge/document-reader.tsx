import Link from "next/link";
import type { DocumentPassage } from "@/lib/kb/document-passages";
import type { KnowledgeDocument } from "@/lib/kb/document-types";
import { formatBytes } from "@/lib/kb/format-bytes";
import { plural } from "@/lib/plural";
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
    document.pages ? plural(document.pages, "page") : undefined,
    plural(passages.length, "passage"),
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
          {document.status === "failed"
            ? `Adding this document failed${document.error ? `: ${document.error}` : "."} `
            : `This document is still being added${document.stageDetail ? ` (${document.stage}: ${document.stageDetail})` : ""}. `}
          Its passages show here once it is ready;{" "}
          <Link href="/knowledge" className="text-sky-700 underline">
            {document.status === "failed"
              ? "retry it on the Knowledge page"
              : "follow it on the Knowledge page"}
          </Link>
          .
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
