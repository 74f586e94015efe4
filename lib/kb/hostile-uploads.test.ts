import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { ingestUpload } from "./ingest";
import { waitForIngestion } from "./ingestion-jobs";
import { searchKnowledgeBase } from "./search";
import { compactChunksTable } from "./store";
import {
  buildPdf,
  hostileFiles,
  knowledgeBaseSnapshot,
  makeFile,
  sampleMarkdown,
  useKnowledgeBaseDirectory,
} from "./test-fixtures";

async function refusal(files: File[]): Promise<AppError> {
  const error = await ingestUpload(files).then(
    () => new Error("the upload was accepted"),
    (thrown: unknown) => thrown,
  );
  if (error instanceof AppError) return error;
  throw error;
}

async function withReadyDocument() {
  const { documents } = await ingestUpload([makeFile("lighthouse.md", sampleMarkdown)]);
  await waitForIngestion(documents[0].id);
  await compactChunksTable();
}

describe("hostile and bad uploads", () => {
  // A small unpacked-size cap keeps the zip bomb quick to build; the route test uses the default.
  const data = useKnowledgeBaseDirectory({
    MAX_EXPANDED_BYTES: String(2 * 1024 * 1024),
    MAX_UPLOAD_BYTES: "200000",
  });

  for (const hostile of hostileFiles(8 * 1024 * 1024)) {
    it(`refuses ${hostile.title} with ${hostile.status}, leaves the knowledge base as it was, and keeps serving`, async () => {
      await withReadyDocument();
      const before = await knowledgeBaseSnapshot(data.directory());
      const error = await refusal([makeFile(hostile.name, hostile.bytes, hostile.mimeType)]);
      expect(error.status).toBe(hostile.status);
      expect(error.message).toContain(hostile.message);
      expect(await knowledgeBaseSnapshot(data.directory())).toEqual(before);
      const { documents } = await ingestUpload([
        makeFile("ferry.md", "# Ferry\n\nThe ferry leaves at 7:15."),
      ]);
      expect(await waitForIngestion(documents[0].id)).toMatchObject({ status: "ready" });
    });
  }

  it("refuses a file over MAX_UPLOAD_BYTES with 413, naming the limit", async () => {
    await withReadyDocument();
    const before = await knowledgeBaseSnapshot(data.directory());
    const error = await refusal([makeFile("big.txt", "x".repeat(200_001))]);
    expect(error.status).toBe(413);
    expect(error.message).toContain("MAX_UPLOAD_BYTES");
    expect(await knowledgeBaseSnapshot(data.directory())).toEqual(before);
  });

  it("stores nothing from an upload with one bad file among good ones", async () => {
    await withReadyDocument();
    const before = await knowledgeBaseSnapshot(data.directory());
    const error = await refusal([
      makeFile("guide.pdf", buildPdf([["The guide says the tide turns at noon."]])),
      makeFile("notes.md", "# Notes\n\nThe bell rings twice."),
      makeFile("invoice.pdf", new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00])),
    ]);
    expect(error.status).toBe(415);
    expect(error.message).toContain("“invoice.pdf”");
    expect(await knowledgeBaseSnapshot(data.directory())).toEqual(before);
    expect(
      (await searchKnowledgeBase({ query: "tide turns at noon" })).passages.map(
        (passage) => passage.documentName,
      ),
    ).not.toContain("guide.pdf");
  });

  it("refuses an upload with no files, or too many", async () => {
    expect((await refusal([])).status).toBe(400);
    const many = Array.from({ length: 21 }, (_, index) => makeFile(`note-${index}.txt`, `Note ${index}.`));
    expect((await refusal(many)).message).toContain("at most 20 files");
  });
});
