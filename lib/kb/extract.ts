import "server-only";
import { AppError, describeError } from "@/lib/errors";
import type { DetectedType } from "./detect-type";
import { extractDocx } from "./extract-docx";
import { extractHtml } from "./extract-html";
import { openPdf } from "./extract-pdf";
import {
  type ExtractedDocument,
  type ExtractedSection,
  normalizeText,
  titleFromFileName,
  titleFromMarkdown,
} from "./extracted-document";

/**
 * A document whose type is known and whose text is (being) extracted. PDFs are read page by page
 * in a worker while the ingestion job already splits and embeds the first pages; Word documents and
 * HTML pages are converted at once in a worker; Markdown and text are read as they are.
 */
export interface OpenedDocument {
  title: string;
  format: ExtractedDocument["format"];
  pages: number | null;
  sections: AsyncIterable<ExtractedSection>;
  /** Pages read so far, for progress (PDFs only). */
  pagesRead(): number | undefined;
  /** Stops a background extraction that is no longer wanted. */
  stop(reason: Error): void;
}

/**
 * Opens a document whose type was detected from its bytes and checks that it can be read: a file
 * that is damaged, encrypted, a bomb, or has no text throws a 4xx AppError that says what to do,
 * before anything is stored.
 */
export async function openDocument(
  name: string,
  detected: DetectedType,
  bytes: Uint8Array,
  signal?: AbortSignal,
): Promise<OpenedDocument> {
  if (detected.kind === "pdf") {
    const pdf = await openPdf(name, bytes, signal);
    return { ...pdf, format: "text" };
  }
  const extracted = await extractAtOnce(name, detected, bytes, signal);
  return {
    ...extracted,
    sections: toAsync(extracted.sections),
    pagesRead: () => undefined,
    stop: () => undefined,
  };
}

/** Extracts a document's whole text at once (tests, and formats without pages). */
export async function extractDocument(
  name: string,
  detected: DetectedType,
  bytes: Uint8Array,
): Promise<ExtractedDocument> {
  const opened = await openDocument(name, detected, bytes);
  const sections: ExtractedSection[] = [];
  for await (const section of opened.sections) sections.push(section);
  return { title: opened.title, format: opened.format, sections, pages: opened.pages };
}

async function extractAtOnce(name: string, detected: DetectedType, bytes: Uint8Array, signal?: AbortSignal) {
  const extracted = await extractByKind(name, detected, bytes, signal).catch((error: unknown) => {
    if (error instanceof AppError) throw error;
    throw new AppError(
      "bad_request",
      `“${name}” could not be read (${describeError(error)}). Check that the file is not damaged, or save it again and upload the new copy.`,
      { cause: error },
    );
  });
  if (extracted.sections.every((section) => !section.text.trim())) {
    throw new AppError(
      "bad_request",
      `“${name}” contains no text to add. Check that it is the right file; images and scans are not read.`,
    );
  }
  return extracted;
}

async function* toAsync<Item>(items: Item[]): AsyncIterable<Item> {
  yield* items;
}

function extractByKind(
  name: string,
  detected: DetectedType,
  bytes: Uint8Array,
  signal: AbortSignal | undefined,
): Promise<ExtractedDocument> {
  switch (detected.kind) {
    case "pdf":
      throw new Error("PDFs are opened with openPdf");
    case "docx":
      return extractDocx(name, bytes, signal);
    case "html":
      return extractHtml(name, detected.text, signal);
    case "markdown":
    case "text":
      return Promise.resolve(extractPlain(name, detected.kind, detected.text));
  }
}

function extractPlain(name: string, kind: "markdown" | "text", raw: string): ExtractedDocument {
  const text = normalizeText(raw);
  const fallback = titleFromFileName(name);
  return {
    title: kind === "markdown" ? titleFromMarkdown(text, fallback) : fallback,
    format: kind,
    sections: text ? [{ text, page: null }] : [],
    pages: null,
  };
}
