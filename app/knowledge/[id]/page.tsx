import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DocumentReader } from "@/components/knowledge/document-reader";
import { AppError } from "@/lib/errors";
import { getDocumentPassages } from "@/lib/kb/document-passages";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Document · Knowledge base · Agent Team" };

interface DocumentPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ passage?: string | string[] }>;
}

async function load(id: string) {
  try {
    return await getDocumentPassages(id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

/** One document's passages in order; `?passage=<n>` (a citation) marks that passage and `#chunk-<n>` scrolls to it. */
export default async function DocumentPage({ params, searchParams }: DocumentPageProps) {
  const { id } = await params;
  const { passage } = await searchParams;
  const cited = Number.parseInt(Array.isArray(passage) ? passage[0] : (passage ?? ""), 10);
  const { document, passages } = await load(id);
  return (
    <div className="mx-auto w-full max-w-4xl space-y-6 p-6">
      <nav aria-label="Knowledge base navigation" className="text-sm">
        <Link href="/knowledge" className="text-sky-700 underline-offset-2 hover:underline">
          <span aria-hidden="true">← </span>Knowledge base
        </Link>
      </nav>
      <DocumentReader
        document={document}
        passages={passages}
        citedPassage={Number.isNaN(cited) ? undefined : cited}
      />
    </div>
  );
}
