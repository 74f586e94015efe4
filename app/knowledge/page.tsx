import type { Metadata } from "next";
import Link from "next/link";
import { KnowledgeBase } from "@/components/knowledge/knowledge-base";
import { getEnvironment } from "@/lib/env";
import { listDocuments } from "@/lib/kb/documents";
import { getIndexStatus } from "@/lib/kb/index-status";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Knowledge base · Agent Team" };

export default async function KnowledgePage() {
  const documents = await listDocuments();
  const index = await getIndexStatus();
  return (
    <div className="mx-auto w-full max-w-4xl space-y-6 p-6">
      <nav aria-label="Knowledge base navigation" className="text-sm">
        <Link href="/" className="text-sky-700 underline-offset-2 hover:underline">
          <span aria-hidden="true">← </span>Chat
        </Link>
      </nav>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Knowledge base</h1>
        <p className="text-sm text-zinc-600">
          Documents you add here are split into passages and indexed for meaning and keywords. The retriever
          agent searches them and cites the passage it answers from; each citation opens that passage here.
        </p>
      </header>
      <KnowledgeBase
        initialDocuments={documents}
        initialIndex={index}
        maxUploadBytes={getEnvironment().MAX_UPLOAD_BYTES}
      />
    </div>
  );
}
