import "server-only";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  type ExtractedDocument,
  type ExtractedSection,
  normalizeText,
  titleFromFileName,
} from "./extracted-document";
import { type PdfExtraction, type PdfInfo, type PdfPage, startPdfExtraction } from "./pdf-extraction";

/** The first pages the upload request reads to tell a PDF with text from a scan. */
const probePages = 10;
/** At most this long (and never longer than PDF_TIMEOUT_MS) is spent on a PDF inside the upload request. */
const probeTimeoutMs = 15_000;
// Readers find the end-of-file marker within the last kilobyte; a file without it was cut short.
const endMarkerWindow = 1024;

/** A PDF opened and checked, whose remaining pages are read when its sections are. */
export interface OpenedPdf {
  title: string;
  pages: number;
  /** The pages that have text, normalised, in order. */
  sections: AsyncIterable<ExtractedSection>;
  /** Pages read so far, for progress. */
  pagesRead(): number;
  /** Stops reading the remaining pages (or keeps them from being read). */
  stop(reason: Error): void;
}

interface CheckedPdf {
  info: PdfInfo;
  pages: PdfPage[];
}

/**
 * Opens a PDF and checks it within the upload request, in a worker of the check pool (never behind
 * the background reading of other PDFs): complete, not encrypted, readable, and (when its first
 * pages are all there is) not a scan without text. A short PDF is read whole by the check; a longer
 * one's remaining pages are read by a worker of the reading pool once its sections are iterated.
 * Throws a 4xx AppError for a bad file.
 */
export async function openPdf(name: string, bytes: Uint8Array, signal?: AbortSignal): Promise<OpenedPdf> {
  assertPdfComplete(name, bytes);
  const timeoutMs = getEnvironment().PDF_TIMEOUT_MS;
  const checked = await checkPdf(name, bytes, Math.min(probeTimeoutMs, timeoutMs), signal);
  if (checked.pages.length >= checked.info.pages && !checked.pages.some(hasText)) throw noTextLayer(name);
  let reading: PdfExtraction | undefined;
  let stopped: Error | undefined;
  const readRemaining = (): AsyncIterable<PdfPage> => {
    if (stopped) throw stopped;
    reading = startPdfExtraction(name, bytes, { timeoutMs, signal, firstPage: checked.pages.length + 1 });
    return reading.pages;
  };
  return {
    title: checked.info.title ?? titleFromFileName(name),
    pages: checked.info.pages,
    sections: textSections(name, checked, readRemaining),
    pagesRead: () => checked.pages.length + (reading?.pages.items.length ?? 0),
    stop: (reason) => {
      stopped ??= reason;
      reading?.stop(reason);
    },
  };
}

async function checkPdf(
  name: string,
  bytes: Uint8Array,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<CheckedPdf> {
  const check = startPdfExtraction(name, bytes, { timeoutMs, signal, checkPages: probePages });
  const pages: PdfPage[] = [];
  for await (const page of check.pages) pages.push(page);
  return { info: await check.opened(), pages };
}

async function* textSections(
  name: string,
  checked: CheckedPdf,
  readRemaining: () => AsyncIterable<PdfPage>,
): AsyncIterable<ExtractedSection> {
  let found = false;
  for await (const page of allPages(checked, readRemaining)) {
    const text = normalizeText(page.text);
    if (!text) continue;
    found = true;
    yield { text, page: page.page };
  }
  if (!found) throw noTextLayer(name);
}

// The remaining pages start being read at once, while the checked ones are split and embedded.
async function* allPages(checked: CheckedPdf, readRemaining: () => AsyncIterable<PdfPage>) {
  const remaining = checked.pages.length < checked.info.pages ? readRemaining() : [];
  yield* checked.pages;
  yield* remaining;
}

const hasText = (page: PdfPage) => page.text.trim() !== "";

/**
 * Extracts the whole text layer of a PDF, page by page (used where the text is needed at once,
 * e.g. a PDF fetched from the web). Same checks and limits as an upload.
 */
export async function extractPdf(name: string, bytes: Uint8Array): Promise<ExtractedDocument> {
  const opened = await openPdf(name, bytes);
  const sections: ExtractedSection[] = [];
  for await (const section of opened.sections) sections.push(section);
  return { title: opened.title, format: "text", sections, pages: opened.pages };
}

function assertPdfComplete(name: string, bytes: Uint8Array): void {
  const tail = new TextDecoder("latin1").decode(
    bytes.subarray(Math.max(0, bytes.byteLength - endMarkerWindow)),
  );
  if (tail.includes("%%EOF")) return;
  throw new AppError(
    "bad_request",
    `“${name}” is incomplete: it ends before the PDF end-of-file marker, so it was probably cut short while downloading or copying. Get the complete file and upload it again.`,
  );
}

function noTextLayer(name: string): AppError {
  return new AppError(
    "unsupported_media_type",
    `“${name}” has no text layer: it looks like a scanned PDF. Scanned PDFs need OCR, which is not supported; upload a PDF with selectable text.`,
  );
}
