import "server-only";
import { Worker } from "node:worker_threads";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { acquireSlot } from "./worker-slots";
import { isolatedWorkerOptions, superviseWorker, type WorkerFailure } from "./worker-supervisor";

/** What the conversion worker converts: a DOCX's text parts as a stored ZIP, or an HTML page. */
export type ConversionRequest = { kind: "docx"; archive: Uint8Array } | { kind: "html"; html: string };

/** A converted document: its Markdown, and the title the document names ("" when it names none). */
export interface ConvertedMarkdown {
  title: string;
  markdown: string;
}

type ConversionMessage =
  | { type: "converted"; title: string; markdown: string }
  | { type: "too_long"; characters: number }
  | { type: "error"; unreadable: boolean; message: string };

/**
 * Conversions run in their own pool, apart from PDF reading, so that an upload never waits for a
 * background ingestion. Two at once keep both cores of a small machine busy and bound the memory
 * to twice the limit below.
 */
const conversionPool = { name: "conversion", size: 2 } as const;
// mammoth's heap grows with a document's elements (measured: some 3 KB per paragraph), so 1 GB
// converts about 200,000 paragraphs, some thousands of pages; more is refused with a clear message
// instead of growing the server.
const defaultMemoryLimitMb = 1024;

interface ConversionLimits {
  timeoutMs: number;
  memoryLimitMb: number;
  maxCharacters: number;
}

/**
 * Converts a Word document or an HTML page to Markdown in a worker thread, so the server keeps
 * answering other requests meanwhile. Waits for a free worker of the conversion pool; the worker
 * has EXTRACT_TIMEOUT_MS and a memory limit, and a text longer than MAX_UPLOAD_BYTES characters
 * (the most a plain-text upload can hold) is refused. Every failure is an AppError that says what
 * happened and what to do; `signal` stops the conversion.
 */
export async function convertInWorker(
  name: string,
  request: ConversionRequest,
  options: { signal?: AbortSignal; memoryLimitMb?: number } = {},
): Promise<ConvertedMarkdown> {
  const { EXTRACT_TIMEOUT_MS, MAX_UPLOAD_BYTES } = getEnvironment();
  const limits: ConversionLimits = {
    timeoutMs: EXTRACT_TIMEOUT_MS,
    memoryLimitMb: options.memoryLimitMb ?? defaultMemoryLimitMb,
    maxCharacters: MAX_UPLOAD_BYTES,
  };
  const release = await acquireSlot(conversionPool.name, conversionPool.size);
  try {
    options.signal?.throwIfAborted();
    return await runConversion(name, request, limits, options.signal);
  } finally {
    release();
  }
}

function runConversion(
  name: string,
  request: ConversionRequest,
  limits: ConversionLimits,
  signal: AbortSignal | undefined,
): Promise<ConvertedMarkdown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./conversion-worker.mjs", import.meta.url), {
      ...isolatedWorkerOptions(limits.memoryLimitMb),
      workerData: { ...request, maxCharacters: limits.maxCharacters },
    });
    let converted: ConvertedMarkdown | undefined;
    const stop = () =>
      finish(signal?.reason instanceof Error ? signal.reason : new Error("Converting was stopped."));
    const finish = superviseWorker<ConversionMessage>(worker, {
      timeoutMs: limits.timeoutMs,
      onMessage: (message, end) => {
        if (message.type === "converted") converted = { title: message.title, markdown: message.markdown };
        end(message.type === "converted" ? undefined : describeMessage(name, request.kind, message, limits));
      },
      describeFailure: (failure) => describeFailure(name, failure, limits),
      onFinish: (error) => {
        signal?.removeEventListener("abort", stop);
        if (error) reject(error);
        else if (converted) resolve(converted);
        else reject(new AppError("internal", `The document converter ended without converting “${name}”.`));
      },
    });
    signal?.addEventListener("abort", stop, { once: true });
  });
}

function describeMessage(
  name: string,
  kind: ConversionRequest["kind"],
  message: Exclude<ConversionMessage, { type: "converted" }>,
  limits: ConversionLimits,
): Error {
  if (message.type === "too_long") {
    return new AppError(
      "payload_too_large",
      `“${name}” holds ${formatCount(message.characters)} characters of text, more than the ${formatCount(limits.maxCharacters)} one document may hold (MAX_UPLOAD_BYTES, the largest plain-text upload), so it was refused. Split it into smaller documents.`,
    );
  }
  if (message.unreadable && kind === "docx") {
    const detail = message.message ? ` (${message.message})` : "";
    return new AppError(
      "bad_request",
      `“${name}” could not be read as a Word document${detail}. Open it in Word or LibreOffice, save it again as .docx and upload the new file.`,
    );
  }
  // Not an AppError: the extractor words it as a file it could not read.
  return new Error(message.message);
}

function describeFailure(name: string, failure: WorkerFailure, limits: ConversionLimits): Error {
  switch (failure.kind) {
    case "timeout":
      return new AppError(
        "payload_too_large",
        `“${name}” is too large or complex to convert within ${formatDuration(limits.timeoutMs)} (EXTRACT_TIMEOUT_MS), so it was refused. Split it into smaller documents, or raise EXTRACT_TIMEOUT_MS.`,
      );
    case "memory":
      return new AppError(
        "payload_too_large",
        `“${name}” is too large or complex to convert within the ${limits.memoryLimitMb} MB of memory a conversion may use, so it was refused. Split it into smaller documents.`,
      );
    case "crash":
      return new AppError(
        "internal",
        `The document converter failed on “${name}”: ${failure.error.message}`,
        {
          cause: failure.error,
        },
      );
    case "exit":
      return new AppError(
        "internal",
        `The document converter stopped unexpectedly on “${name}” (exit code ${failure.code}).`,
      );
  }
}

function formatDuration(milliseconds: number): string {
  return milliseconds < 1000 ? `${milliseconds} ms` : `${Math.round(milliseconds / 1000)} s`;
}

function formatCount(count: number): string {
  return count >= 1_000_000 ? `${(count / 1_000_000).toFixed(1)} million` : count.toLocaleString("en-US");
}
