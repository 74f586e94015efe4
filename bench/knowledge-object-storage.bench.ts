// Knowledge search with the LanceDB tables in S3 object storage (a throwaway Ceph RGW on loopback)
// against the same search on local disk, at 10k passages (KB_BENCH_OBJECT_STORAGE_SIZE).
import { searchKnowledgeBase } from "@/lib/kb/search";
import { objectStorageEnvironment, startCephRgw } from "@/tests/services/ceph-rgw-server";
import { queries } from "./knowledge-bench-corpus";
import { inKnowledgeDirectory, percentile, sizeFromEnvironment } from "./knowledge-bench-support";
import { fillTable } from "./knowledge-search.bench";
import { timeEach } from "./measure";

async function searchP50(size: number): Promise<number> {
  await fillTable(size);
  let next = 0;
  const search = () => searchKnowledgeBase({ query: queries[next++ % queries.length], k: 5 });
  await timeEach(search, 20);
  return percentile(await timeEach(search, 80), 0.5);
}

export async function benchmark(): Promise<void> {
  const size = sizeFromEnvironment("KB_BENCH_OBJECT_STORAGE_SIZE", 10_000);
  const server = await startCephRgw();
  try {
    const local = await inKnowledgeDirectory("local-disk", () => searchP50(size));
    const objectStorage = await inKnowledgeDirectory(
      "object-storage",
      () => searchP50(size),
      objectStorageEnvironment(server, `bench-${Date.now()}`),
    );
    console.log(
      `knowledge search at ${size} passages: p50 ${local.toFixed(2)} ms on local disk, ${objectStorage.toFixed(2)} ms on S3 (Ceph RGW, loopback): ${(objectStorage / local).toFixed(2)}×`,
    );
  } finally {
    await server.stop();
  }
}
