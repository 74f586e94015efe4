import { ingestUpload } from "@/lib/kb/ingest";
import { waitForIngestion } from "@/lib/kb/ingestion-jobs";
import { searchKnowledgeBase } from "@/lib/kb/search";
import { compactChunksTable, openChunksTable } from "@/lib/kb/store";
import { inKnowledgeDirectory, percentile, sizeFromEnvironment } from "./knowledge-bench-support";
import { timeEach } from "./measure";

const places = ["harbour", "lighthouse", "ferry", "quay", "chapel", "market", "school", "museum"];
const note = (index: number) =>
  `# Note ${index}\n\nOn day ${index} the keeper at the ${places[index % places.length]} logged item ${index * 7}: ` +
  `the tide was ${index % 2 ? "high" : "low"} and the wind ${index % 3 ? "westerly" : "easterly"}.`;
const queries = places.map((place) => `what did the keeper log at the ${place}`);

async function searchP50(): Promise<number> {
  let next = 0;
  await timeEach(() => searchKnowledgeBase({ query: queries[next++ % queries.length] }), 20);
  return percentile(
    await timeEach(() => searchKnowledgeBase({ query: queries[next++ % queries.length] }), 200),
    0.5,
  );
}

async function fragments(): Promise<number> {
  return (await (await openChunksTable())?.stats())?.fragmentStats.numFragments ?? 0;
}

/**
 * KB_BENCH_UPLOADS (1000 by default) single-document uploads, one after the other, each waited for:
 * the fragments they leave (compaction runs after each batch of writes), and search p50 on the table
 * as they left it against the same table fully compacted.
 */
export async function benchmark() {
  const uploads = sizeFromEnvironment("KB_BENCH_UPLOADS", 1000);
  await inKnowledgeDirectory("fragments", async () => {
    const started = performance.now();
    for (let index = 0; index < uploads; index++) {
      const { documents } = await ingestUpload([new File([note(index)], `note-${index}.md`)]);
      await waitForIngestion(documents[0].id);
    }
    const seconds = (performance.now() - started) / 1000;
    const left = await fragments();
    const asLeft = await searchP50();
    await compactChunksTable();
    const compacted = await searchP50();
    console.log(
      `${uploads} single-document uploads (KB_BENCH_UPLOADS) in ${seconds.toFixed(1)} s (${((seconds * 1000) / uploads).toFixed(1)} ms each)`,
    );
    console.log(`  fragments left: ${left} (target ≤ 100); after a full compaction: ${await fragments()}`);
    console.log(`  search p50 ${asLeft.toFixed(2)} ms as left, ${compacted.toFixed(2)} ms compacted`);
    console.log(
      `  search ratio against a compacted table: ${(asLeft / compacted).toFixed(2)}× (target ≤ 1.2×)`,
    );
  });
}
