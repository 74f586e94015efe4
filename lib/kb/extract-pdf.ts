import "server-only";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  type ExtractedDocument,
  type ExtractedSection,
  normalizeText,
  titleFromFileName,
} from "./extracted-document";
import { type PdfExtraction, startPdfExtraction } from "./pdf-extraction";

/** The first pages the upload request reads to tell a PDF with text from a scan. */
const probePages = 10;
/** At most this long (and never longer than PDF_TIMEOUT_MS) is spent on a PDF inside the upload request. */
const probeTimeoutMs = 15_000;
// Readers find the end-of-file marker within the last kilobyte; a file without it was cut short.
const endMarkerWindow = 1024;

/** A PDF opened and checked, whose pages are still being read in the background. */
export interface OpenedPdf {
  title: string;
  pages: number;
  extraction: PdfExtraction;
  /** The pages that have text, normalised, in order. */
  sections: AsyncIterable<ExtractedSection>;
}

/**
 * Opens a PDF in a worker thread and checks it within the upload request: complete, not encrypted,
 * readable, and (when its first pages are all there is) not a scan without text. Its remaining pages
 * keep being read in the background for the ingestion job. Throws a 4xx AppError for a bad file.
 */
export async function openPdf(name: string, bytes: Uint8Array, signal?: AbortSignal): Promise<OpenedPdf> {
  assertPdfComplete(name, bytes);
  const timeoutMs = getEnvironment().PDF_TIMEOUT_MS;
  const probeLimitMs = Math.min(probeTimeoutMs, timeoutMs);
  let probeDeadline: NodeJS.Timeout | undefined;
  // The probe's clock starts with the worker: waiting for a free worker is not the file's fault.
  const extraction = startPdfExtraction(name, bytes, {
    timeoutMs,
    signal,
    onStart: () => {
      probeDeadline = setTimeout(() => extraction.stop(probeTimeout(name, probeLimitMs)), probeLimitMs);
    },
  });
  try {
    const info = await extraction.opened();
    const enough = Math.min(probePages, info.pages);
    await extraction.pages.waitUntil(
      (pages) => pages.some((page) => page.text.trim()) || pages.length >= enough,
    );
    const allRead = extraction.pages.items.length >= info.pages;
    if (allRead && !extraction.pages.items.some((page) => page.text.trim())) {
      throw noTextLayer(name);
    }
    return {
      title: info.title ?? titleFromFileName(name),
      pages: info.pages,
      extraction,
      sections: textSections(name, extraction),
    };
  } catch (error) {
    extraction.stop(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    clearTimeout(probeDeadline);
  }
}

async function* textSections(name: string, extraction: PdfExtraction): AsyncIterable<ExtractedSection> {
  let found = false;
  for await (const page of extraction.pages) {
    const text = normalizeText(page.text);
    if (!text) continue;
    found = true;
    yield { text, page: page.page };
  }
  if (!found) throw noTextLayer(name);
}

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

function probeTimeout(name: string, timeoutMs: number): AppError {
  return new AppError(
    "bad_request",
    `Opening “${name}” took longer than ${Math.round(timeoutMs / 1000)} s, so it was refused. The file may be damaged or unusually complex; export it again or split it.`,
  );
}
