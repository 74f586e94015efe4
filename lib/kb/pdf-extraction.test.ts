import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { ingestUpload } from "./ingest";
import { startPdfExtraction } from "./pdf-extraction";
import {
  buildLongPdf,
  buildPdf,
  knowledgeBaseSnapshot,
  makeFile,
  useKnowledgeBaseDirectory,
} from "./test-fixtures";

async function readAll(extraction: ReturnType<typeof startPdfExtraction>) {
  const pages: Array<{ page: number; text: string }> = [];
  for await (const page of extraction.pages) pages.push(page);
  return pages;
}

describe("startPdfExtraction (a worker thread per PDF)", () => {
  it("reads the pages in order, with the title and page count first", async () => {
    const extraction = startPdfExtraction(
      "atlas.pdf",
      buildPdf([["North"], [], ["South"]], { title: "Atlas" }),
      {
        timeoutMs: 30_000,
      },
    );
    expect(await extraction.opened()).toEqual({ pages: 3, title: "Atlas" });
    expect(await readAll(extraction)).toEqual([
      { page: 1, text: "North" },
      { page: 2, text: "" },
      { page: 3, text: "South" },
    ]);
  });

  it("stops a PDF that takes longer than its time limit and says which limit", async () => {
    const extraction = startPdfExtraction("huge.pdf", buildLongPdf(3000), { timeoutMs: 300 });
    const error = await readAll(extraction).then(
      () => new Error("the PDF was read within the limit"),
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain("PDF_TIMEOUT_MS");
  });

  it("stops reading when its signal is aborted", async () => {
    const controller = new AbortController();
    const extraction = startPdfExtraction("huge.pdf", buildLongPdf(3000), {
      timeoutMs: 30_000,
      signal: controller.signal,
    });
    await extraction.opened();
    controller.abort(new Error("no longer wanted"));
    await expect(readAll(extraction)).rejects.toThrow("no longer wanted");
  });
});

describe("PDF time limit within an upload", () => {
  const data = useKnowledgeBaseDirectory({ PDF_TIMEOUT_MS: "100" });

  it("refuses a PDF that cannot be opened within PDF_TIMEOUT_MS, storing nothing", async () => {
    const before = await knowledgeBaseSnapshot(data.directory());
    const error = await ingestUpload([makeFile("slow.pdf", buildLongPdf(2000))]).then(
      () => new Error("the upload was accepted"),
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ status: 400 });
    expect((error as Error).message).toContain("took longer than");
    expect(await knowledgeBaseSnapshot(data.directory())).toEqual(before);
  });
});
