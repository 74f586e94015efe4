import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import { AsyncFeed } from "./async-feed";
import { acquireSlot } from "./worker-slots";

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

// Resolved from the project root, as for the sandbox worker: Next.js bundles this module into
// .next/server chunks, where a path relative to import.meta.url would not exist.
const workerPath = path.join(process.cwd(), "lib", "kb", "pdf-worker.mjs");
const maxConcurrentWorkers = 2;

/**
 * Starts reading a PDF in its own worker thread (at most two at once; more wait their turn), with a
 * deadline (counted from when its worker starts; `onStart` says when) and a memory limit. Problems
 * come out of `opened()` or the page feed as AppErrors that say what is wrong with the file;
 * `signal` stops the worker.
 */
export function startPdfExtraction(
  name: string,
  bytes: Uint8Array,
  options: { timeoutMs: number; signal?: AbortSignal; onStart?: () => void },
): PdfExtraction {
  const extraction = new PdfExtraction();
  options.signal?.addEventListener("abort", () => extraction.stop(abortReason(options.signal)), {
    once: true,
  });
  void acquireSlot("pdf", maxConcurrentWorkers).then((release) => {
    if (extraction.pages.done) return release();
    extraction.stopWorker = runWorker(name, bytes, options.timeoutMs, extraction, release);
    options.onStart?.();
  });
  return extraction;
}

function runWorker(
  name: string,
  bytes: Uint8Array,
  timeoutMs: number,
  extraction: PdfExtraction,
  release: () => void,
) {
  const worker = new Worker(/* webpackIgnore: true */ workerPath, {
    // pdf.js may detach the buffer it is given, so the worker gets its own copy.
    workerData: { bytes: new Uint8Array(bytes) },
    resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
    env: {},
    execArgv: [],
  });
  const deadline = setTimeout(() => finish(timeoutError(name, timeoutMs)), timeoutMs);
  let finished = false;
  const finish = (error?: Error) => {
    if (finished) return;
    finished = true;
    clearTimeout(deadline);
    void worker.terminate();
    release();
    if (error) extraction.pages.fail(error);
    else extraction.pages.close();
  };
  worker.on("message", (message: WorkerMessage) => {
    if (message.type === "opened") {
      extraction.info = { pages: message.pages, title: message.title };
      extraction.pages.notify();
    } else if (message.type === "page") extraction.pages.push({ page: message.page, text: message.text });
    else if (message.type === "done") finish();
    else finish(describePdfError(name, message));
  });
  worker.on("error", (error: Error & { code?: string }) =>
    finish(
      error.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? new AppError("bad_request", `“${name}” needs too much memory to read. Split it into smaller PDFs.`)
        : new AppError("internal", `The PDF reader failed on “${name}”: ${error.message}`, { cause: error }),
    ),
  );
  worker.on("exit", (code) => finish(new Error(`The PDF reader stopped unexpectedly (exit code ${code}).`)));
  return finish;
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason = signal?.reason;
  return reason instanceof Error ? reason : new Error("Reading the PDF was stopped.");
}

function timeoutError(name: string, timeoutMs: number): AppError {
  return new AppError(
    "bad_request",
    `Reading “${name}” took longer than ${Math.round(timeoutMs / 1000)} s (PDF_TIMEOUT_MS), so it was stopped. The file may be damaged or unusually complex; split it or export it again.`,
  );
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
