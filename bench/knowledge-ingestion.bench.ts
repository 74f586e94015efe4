import { extractPdf } from "@/lib/kb/extract-pdf";
import { buildLongPdf } from "@/lib/kb/fixture-documents";
import { ingestUpload } from "@/lib/kb/ingest";
import { waitForIngestion } from "@/lib/kb/ingestion-jobs";
import { inKnowledgeDirectory, sizeFromEnvironment } from "./knowledge-bench-support";
import { compareMedians } from "./measure";

/**
 * Ingestion of a generated text PDF (KB_BENCH_PDF_PAGES pages, 200 by default) end to end (upload →
 * extract in the worker → split → embed offline → index, until ready) against extracting its text
 * alone with the same worker. Every upload is a new variant of the PDF, so none is a duplicate.
 */
export async function benchmark() {
  const pages = sizeFromEnvironment("KB_BENCH_PDF_PAGES", 200);
  await inKnowledgeDirectory("ingestion", async () => {
    const base = buildLongPdf(pages);
    // Appending a comment after %%EOF changes the bytes (and the content hash) but not the text.
    const variants = Array.from({ length: 12 }, (_, index) =>
      Buffer.concat([base, new TextEncoder().encode(`% variant ${index}\n`)]),
    );
    let variant = 0;
    const nextPdf = () => variants[variant++];
    let chunks = 0;
    const { baselineMs, candidateMs } = await compareMedians(
      () => extractPdf("bench.pdf", base),
      async () => {
        const { documents } = await ingestUpload([new File([nextPdf()], `bench-${variant}.pdf`)]);
        const ready = await waitForIngestion(documents[0].id);
        if (ready?.status !== "ready") throw new Error(`ingestion failed: ${ready?.error}`);
        chunks = ready.chunks;
      },
      { rounds: 4, iterations: 2, warmup: 1 },
    );
    console.log(
      `${pages}-page text PDF (${(base.byteLength / 1024).toFixed(0)} KB, ${chunks} passages) (KB_BENCH_PDF_PAGES)`,
    );
    console.log(
      `  end-to-end ingestion median ${candidateMs.toFixed(0)} ms; text extraction alone median ${baselineMs.toFixed(0)} ms`,
    );
    console.log(
      `  ingestion throughput ratio: ${(baselineMs / candidateMs).toFixed(2)}× of extraction alone (target ≥ 0.8×)`,
    );
  });
}
