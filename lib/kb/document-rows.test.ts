import { describe, expect, it } from "vitest";
import { databaseBackends, useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import {
  deleteDocumentRow,
  insertDocumentRow,
  markDocumentFailed,
  markDocumentReady,
  restartFailedDocument,
  selectDocument,
  selectDocumentByHash,
  selectDocumentIds,
  selectDocuments,
  updateDocumentProgress,
} from "./document-rows";

function newRow(id: string, contentHash = `hash-${id}`) {
  return {
    id,
    name: `${id}.md`,
    title: null,
    mediaType: "text/markdown",
    size: 12,
    contentHash,
    pages: null,
  };
}

describe.each(databaseBackends)("document rows on %s", (backend) => {
  useTemporaryDataDirectory({}, backend);

  it("inserts a processing document and refuses a second one with the same content", async () => {
    const inserted = await insertDocumentRow(newRow("a"));
    expect(inserted).toMatchObject({
      id: "a",
      status: "processing",
      stage: "extracting",
      progress: 0,
      chunks: 0,
    });
    await expect(insertDocumentRow(newRow("b", "hash-a"))).rejects.toThrow();
    expect(await selectDocumentByHash("hash-a")).toMatchObject({ id: "a" });
    expect((await selectDocuments()).map((document) => document.id)).toEqual(["a"]);
  });

  it("records progress only while processing, and makes a processing document ready once", async () => {
    await insertDocumentRow(newRow("a"));
    await updateDocumentProgress("a", { stage: "embedding", fraction: 0.5, detail: "passage 3 of 6" });
    expect(await selectDocument("a")).toMatchObject({
      stage: "embedding",
      progress: 0.5,
      stageDetail: "passage 3 of 6",
    });
    expect(await markDocumentReady("a", 6)).toBe(true);
    expect(await markDocumentReady("a", 7)).toBe(false);
    await updateDocumentProgress("a", { stage: "embedding", fraction: 0.9 });
    expect(await selectDocument("a")).toMatchObject({ status: "ready", stage: null, progress: 1, chunks: 6 });
    expect(await selectDocumentIds("ready")).toEqual(["a"]);
  });

  it("never makes a cancelled (failed) or deleted document ready", async () => {
    await insertDocumentRow(newRow("cancelled"));
    await markDocumentFailed("cancelled", "Cancelled.");
    expect(await markDocumentReady("cancelled", 3)).toBe(false);
    expect(await selectDocument("cancelled")).toMatchObject({
      status: "failed",
      error: "Cancelled.",
      chunks: 0,
    });

    await insertDocumentRow(newRow("deleted"));
    await deleteDocumentRow("deleted");
    expect(await markDocumentReady("deleted", 3)).toBe(false);
    expect(await selectDocument("deleted")).toBeUndefined();
    expect(await selectDocumentIds("ready")).toEqual([]);
  });

  it("restarts only a failed document", async () => {
    await insertDocumentRow(newRow("a"));
    expect(await restartFailedDocument("a")).toBe(false);
    await markDocumentFailed("a", "The model was down.");
    expect(await restartFailedDocument("a")).toBe(true);
    expect(await selectDocument("a")).toMatchObject({
      status: "processing",
      stage: "extracting",
      error: null,
    });
  });
});
