import { describe, expect, it } from "vitest";
import { addChunks } from "./chunk-writes";
import { getIndexStatus } from "./index-status";
import { ingestUpload } from "./ingest";
import { waitForIngestion } from "./ingestion-jobs";
import { searchKnowledgeBase } from "./search";
import { compactChunksTable, openChunksTable } from "./store";
import { writesPerCompaction } from "./table-maintenance";
import { makeFile, useKnowledgeBaseDirectory } from "./test-fixtures";

async function fragments(): Promise<number> {
  return (await (await openChunksTable())?.stats())?.fragmentStats.numFragments ?? 0;
}

describe("the chunks table", () => {
  useKnowledgeBaseDirectory({ KB_ANN_MIN_ROWS: "300" });

  it("commits documents added at the same time together", async () => {
    const files = Array.from({ length: 12 }, (_, index) =>
      makeFile(`note-${index}.md`, `# Note ${index}\n\nBuoy ${index} is painted red.`),
    );
    const { documents } = await ingestUpload(files);
    await Promise.all(documents.map((document) => waitForIngestion(document.id)));
    expect(await fragments()).toBeLessThan(documents.length);
    expect((await searchKnowledgeBase({ query: "buoy 7 painted" })).passages[0].documentName).toBe(
      "note-7.md",
    );
    expect((await getIndexStatus()).table).toEqual({ passages: 12, vectorSearch: "exact" });
  });

  it("compacts after batches of writes, so many single uploads leave few fragments", async () => {
    for (let index = 0; index < 40; index++) {
      const { documents } = await ingestUpload([
        makeFile(`log-${index}.md`, `# Log ${index}\n\nEntry ${index}: the tide was high.`),
      ]);
      await waitForIngestion(documents[0].id);
    }
    // A compaction can leave two fragments (a large one it keeps, one it merged); then up to N writes.
    expect(await fragments()).toBeLessThanOrEqual(writesPerCompaction + 2);
    await compactChunksTable();
    expect(await fragments()).toBeLessThanOrEqual(2);
  });

  it("builds the vector index once the table is large enough, and search still finds the passage", async () => {
    const paragraphs = Array.from({ length: 330 }, (_, index) =>
      `Paragraph ${index} records the depth of channel ${index} as ${index % 17} fathoms at low water, measured by the pilot boat. `.repeat(
        7,
      ),
    );
    paragraphs[123] = "The wreck of the Marigold lies in channel nine under twelve fathoms of water.";
    const { documents } = await ingestUpload([makeFile("soundings.txt", paragraphs.join("\n\n"))]);
    expect(await waitForIngestion(documents[0].id)).toMatchObject({ status: "ready" });
    const table = await openChunksTable();
    expect(await table?.countRows()).toBeGreaterThanOrEqual(300);
    await compactChunksTable();
    const indices = (await table?.listIndices())?.map((index) => index.columns[0]);
    expect(indices).toEqual(expect.arrayContaining(["text", "vector", "documentId"]));
    expect((await getIndexStatus()).table).toEqual({
      passages: await table?.countRows(),
      vectorSearch: "approximate",
    });
    const [found] = (await searchKnowledgeBase({ query: "wreck of the Marigold" })).passages;
    expect(found.text).toContain("Marigold");
    const [first] = (await table?.query().limit(1).toArray()) ?? [];
    const vector = Array.from(first.vector as Iterable<number>);
    const nearest = async (exact: boolean) => {
      let query = table
        ?.vectorSearch(vector)
        .distanceType("cosine")
        .refineFactor(5)
        .limit(10)
        .select(["id", "_distance"]);
      if (exact) query = query?.bypassVectorIndex();
      return (await query?.toArray())?.map((row) => row.id);
    };
    expect(await nearest(false)).toEqual(await nearest(true));
  });

  it("refuses vectors from another embedding model than the table's with 409", async () => {
    const { documents } = await ingestUpload([makeFile("a.md", "# A\n\nAlpha.")]);
    await waitForIngestion(documents[0].id);
    const row = {
      id: "x:0",
      documentId: "x",
      documentName: "x.md",
      chunkIndex: 0,
      page: null,
      heading: null,
      charOffset: 0,
      text: "x",
    };
    await expect(
      addChunks([{ ...row, vector: new Array(384).fill(0.1) }], "openai.embedding:other-model"),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      addChunks([{ ...row, vector: [0.1, 0.2] }], "offline:char4grams-2048"),
    ).rejects.toMatchObject({ status: 409 });
  });
});
