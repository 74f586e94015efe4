import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { openPdf } from "./extract-pdf";
import { ingestUpload } from "./ingest";
import { waitForIngestion } from "./ingestion-jobs";
import { pdfWorkerPools, startPdfExtraction } from "./pdf-extraction";
import {
  buildLongPdf,
  buildPdf,
  knowledgeBaseSnapshot,
  makeFile,
  useKnowledgeBaseDirectory,
} from "./test-fixtures";
import { acquireSlot } from "./worker-slots";

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

  it("reads from a given page on", async () => {
    const extraction = startPdfExtraction("atlas.pdf", buildPdf([["North"], ["East"], ["South"]]), {
      timeoutMs: 30_000,
      firstPage: 2,
    });
    expect(await readAll(extraction)).toEqual([
      { page: 2, text: "East" },
      { page: 3, text: "South" },
    ]);
  });

  it("as a check, reads a short PDF whole and a long one until its first page with text", async () => {
    const short = buildPdf([["North"], [], ["South"]]);
    const check = { timeoutMs: 30_000, checkPages: 10 };
    expect((await readAll(startPdfExtraction("short.pdf", short, check))).map((page) => page.page)).toEqual([
      1, 2, 3,
    ]);
    const long = buildPdf([[], [], ["Third"], ...Array.from({ length: 12 }, () => ["More"])]);
    expect((await readAll(startPdfExtraction("long.pdf", long, check))).map((page) => page.page)).toEqual([
      1, 2, 3,
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

describe("PDF checks within an upload while long PDFs are being read", () => {
  useKnowledgeBaseDirectory();

  /** Takes every worker of the reading pool, as two long ingestions would; returns their release. */
  async function occupyReadingWorkers(): Promise<() => void> {
    const { name, size } = pdfWorkerPools.reading;
    const releases = await Promise.all(Array.from({ length: size }, () => acquireSlot(name, size)));
    return () => {
      for (const release of releases) release();
    };
  }

  it("accepts and adds a short PDF without waiting for a reading worker", async () => {
    const releaseReading = await occupyReadingWorkers();
    try {
      const { documents } = await ingestUpload([
        makeFile("note.pdf", buildPdf([["The tide turns at noon."]])),
      ]);
      expect(await waitForIngestion(documents[0].id)).toMatchObject({ status: "ready", chunks: 1 });
    } finally {
      releaseReading();
    }
  });

  it("checks a long PDF at once; its remaining pages are read, each once, when a reading worker is free", async () => {
    const releaseReading = await occupyReadingWorkers();
    let released = false;
    try {
      const opened = await openPdf("manual.pdf", buildLongPdf(30, 2));
      expect(opened.pages).toBe(30);
      expect(opened.pagesRead()).toBe(1);
      const sections: number[] = [];
      const reading = (async () => {
        for await (const section of opened.sections) sections.push(section.page ?? 0);
      })();
      releaseReading();
      released = true;
      await reading;
      expect(sections).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
      expect(opened.pagesRead()).toBe(30);
    } finally {
      if (!released) releaseReading();
    }
  });
});
