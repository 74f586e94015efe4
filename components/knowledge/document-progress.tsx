import type { IngestionStage, KnowledgeDocument } from "@/lib/kb/document-types";

const stageLabel: Record<IngestionStage, string> = {
  extracting: "Extracting text",
  splitting: "Splitting into passages",
  embedding: "Embedding",
  indexing: "Indexing",
};

/** The progress bar of a document that is still being added, with its stage (extract → split → embed → index). */
export function DocumentProgress({ document }: { document: KnowledgeDocument }) {
  const percent = Math.round(document.progress * 100);
  const stage = document.stage ? stageLabel[document.stage] : "Waiting";
  const detail = document.stageDetail ? ` (${document.stageDetail})` : "";
  return (
    <div className="mt-3 space-y-1">
      <div
        role="progressbar"
        aria-label={`Progress of ${document.name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${stage}${detail}: ${percent}%`}
        className="h-1.5 overflow-hidden rounded-full bg-zinc-100"
      >
        <div
          className="h-full rounded-full bg-sky-500 transition-[width] duration-500"
          style={{ width: `${Math.max(percent, 2)}%` }}
        />
      </div>
      <p className="text-xs text-zinc-500">
        {stage}
        {detail}… {percent}%
      </p>
    </div>
  );
}
