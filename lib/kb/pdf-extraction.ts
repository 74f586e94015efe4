import "server-only";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import { AsyncFeed } from "./async-feed";
import { acquireSlot } from "./worker-slots";
import { isolatedWorkerOptions, superviseWorker, type WorkerFailure } from "./worker-supervisor";

/** One page's raw text, as the worker read it. */
export interface PdfPage {
  page: number;
  text: string;
}

/** What opening a PDF tells: its page count and the title from its info dictionary. */
export interface PdfInfo {
  pages: number;
  title: string | undefined;
}

/** A PDF being read in a worker thread: its info once opened, then its pages as they are read. */
export class PdfExtraction {
  readonly pages = new AsyncFeed<PdfPage>();
  info: PdfInfo | undefined;
  stopWorker: (reason: Error) => void = (reason) => this.pages.fail(reason);

  /** The page count and title; rejects with the reason the PDF cannot be opened. */
  async opened(): Promise<PdfInfo> {
    await this.pages.waitUntil(() => this.info !== undefined);
    if (!this.info) throw new Error("The PDF reader ended before opening the file.");
    return this.info;
  }

  /** Stops the worker; the page feed fails with the reason. */
  stop(reason: Error): void {
    this.stopWorker(reason);
  }
}

type WorkerMessage =
  | { type: "opened"; pages: number; title?: string }
  | { type: "page"; page: number; text: string }
  | { type: "done" }
  | { type: "error"; name: string; message: string };

/**
 * Two pools of PDF workers. An upload's check (open the PDF, read its first pages) has its own, so
 * it never waits behind the background reading of long PDFs, which may hold a worker for minutes.
 * Each pool runs two workers at most (both cores of a small machine), each with this heap limit.
 */
export const pdfWorkerPools = {
  check: { name: "pdf-check", size: 2 },
  reading: { name: "pdf-reading", size: 2 },
} as const;
const memoryLimitMb = 512;

/** What a PDF worker reads: every page from `firstPage`, or (a check) at most `checkPages` pages. */
export interface PdfExtractionOptions {
  /** Counted from when the worker starts, not while it waits for a free worker. */
  timeoutMs: number;
  signal?: AbortSignal;
  firstPage?: number;
  /**
   * Makes this an upload's check, run in the check pool: a PDF of at most this many pages is read
   * whole, a longer one until its first page with text. A check whose time runs out after it found
   * text ends with the pages read so far; one without text by then is refused.
   */
  checkPages?: number;
}

/**
 * Starts reading a PDF in its own worker thread (at most two per pool at once; more wait their
 * turn), with a deadline and a memory limit. Problems come out of `opened()` or the page feed as
 * AppErrors that say what is wrong with the file; `signal` stops the worker.
 */
export function startPdfExtraction(
  name: string,
  bytes: Uint8Array,
  options: PdfExtractionOptions,
): PdfExtraction {
  const extraction = new PdfExtraction();
  options.signal?.addEventListener("abort", () => extraction.stop(abortReason(options.signal)), {
    once: true,
  });
  const pool = options.checkPages === undefined ? pdfWorkerPools.reading : pdfWorkerPools.check;
  void acquireSlot(pool.name, pool.size).then((release) => {
    if (extraction.pages.done) return release();
    extraction.stopWorker = runWorker(name, bytes, options, extraction, release);
  });
  return extraction;
}

function runWorker(
  name: string,
  bytes: Uint8Array,
  options: PdfExtractionOptions,
  extraction: PdfExtraction,
  release: () => void,
) {
  const worker = new Worker(new URL("./pdf-worker.mjs", import.meta.url), {
    ...isolatedWorkerOptions(memoryLimitMb),
    // pdf.js may detach the buffer it is given, so the worker gets its own copy.
    workerData: {
      bytes: new Uint8Array(bytes),
      firstPage: options.firstPage ?? 1,
      checkPages: options.checkPages,
    },
  });
  return superviseWorker<WorkerMessage>(worker, {
    timeoutMs: options.timeoutMs,
    onMessage: (message, finish) => {
      if (message.type === "opened") {
        extraction.info = { pages: message.pages, title: message.title };
        extraction.pages.notify();
      } else if (message.type === "page") extraction.pages.push({ page: message.page, text: message.text });
      else if (message.type === "done") finish();
      else finish(describePdfError(name, message));
    },
    describeFailure: (failure) => {
      const foundText = extraction.pages.items.some((page) => page.text.trim());
      if (failure.kind === "timeout" && options.checkPages !== undefined && foundText) return undefined;
      return describeFailure(name, failure, options);
    },
    onFinish: (error) => {
      release();
      if (error) extraction.pages.fail(error);
      else extraction.pages.close();
    },
  });
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason = signal?.reason;
  return reason instanceof Error ? reason : new Error("Reading the PDF was stopped.");
}

function describeFailure(name: string, failure: WorkerFailure, options: PdfExtractionOptions): Error {
  const seconds = Math.round(options.timeoutMs / 1000);
  switch (failure.kind) {
    case "timeout":
      if (options.checkPages !== undefined) {
        return new AppError(
          "bad_request",
          `Opening “${name}” took longer than ${seconds} s, so it was refused. The file may be damaged or unusually complex; export it again or split it.`,
        );
      }
      return new AppError(
        "bad_request",
        `Reading “${name}” took longer than ${seconds} s (PDF_TIMEOUT_MS), so it was stopped. The file may be damaged or unusually complex; split it or export it again.`,
      );
    case "memory":
      return new AppError(
        "bad_request",
        `“${name}” needs too much memory to read. Split it into smaller PDFs.`,
      );
    case "crash":
      return new AppError("internal", `The PDF reader failed on “${name}”: ${failure.error.message}`, {
        cause: failure.error,
      });
    case "exit":
      return new Error(`The PDF reader stopped unexpectedly (exit code ${failure.code}).`);
  }
}

function describePdfError(name: string, error: { name: string; message: string }): AppError {
  if (error.name === "PasswordException") {
    return new AppError(
      "unsupported_media_type",
      `“${name}” is password-protected (encrypted). Remove the password (for example, print it to a new PDF) and upload it again.`,
    );
  }
  return new AppError(
    "bad_request",
    `“${name}” could not be read as a PDF (${error.message}): the file is damaged or incomplete. Export it again and upload the new file.`,
  );
}
