import "server-only";
import { AppError, describeError } from "@/lib/errors";
import type { DetectedType } from "./detect-type";
import { extractDocx } from "./extract-docx";
import { extractHtml } from "./extract-html";
import { extractPdf } from "./extract-pdf";
import {
  type ExtractedDocument,
  normalizeText,
  titleFromFileName,
  titleFromMarkdown,
} from "./extracted-document";

/**
 * Extracts the text of a document whose type was detected from its bytes. Throws an AppError (4xx)
 * for files that cannot be read or hold no text, so the upload can be refused before anything is stored.
 */
export async function extractDocument(
  name: string,
  detected: DetectedType,
  bytes: Uint8Array,
): Promise<ExtractedDocument> {
  const extracted = await extractByKind(name, detected, bytes).catch((error: unknown) => {
    if (error instanceof AppError) throw error;
    throw new AppError(
      "bad_request",
      `“${name}” could not be read (${describeError(error)}). Check that the file is not damaged, or save it again and upload the new copy.`,
      { cause: error },
    );
  });
  if (extracted.sections.every((section) => !section.text.trim())) {
    throw new AppError("bad_request", `“${name}” contains no text to add. Check that it is the right file.`);
  }
  return extracted;
}

function extractByKind(name: string, detected: DetectedType, bytes: Uint8Array): Promise<ExtractedDocument> {
  switch (detected.kind) {
    case "pdf":
      return extractPdf(name, bytes);
    case "docx":
      return extractDocx(name, bytes);
    case "html":
      return Promise.resolve(extractHtml(name, detected.text));
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
