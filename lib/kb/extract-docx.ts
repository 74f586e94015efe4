import "server-only";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { convertInWorker } from "./document-conversion";
import {
  type ExtractedDocument,
  normalizeText,
  titleFromFileName,
  titleFromMarkdown,
} from "./extracted-document";
import { formatBytes } from "./format-bytes";
import { packStoredZip } from "./stored-zip";
import { unpackZipEntries, ZipLimitError } from "./zip-archive";

// Text, styles, numbering and relationships are XML; images (word/media) carry no text and are skipped.
const isTextPart = (name: string) => name.endsWith(".xml") || name.endsWith(".rels");
const maxEntries = 5000;

/**
 * Extracts a Word document as Markdown (mammoth to HTML, then Turndown), keeping its headings.
 * The ZIP is unpacked here first with a cap on the unpacked size (MAX_EXPANDED_BYTES) enforced
 * while inflating (about 0.2 s for the largest allowed), then handed to mammoth as an uncompressed
 * archive of the text parts only, in a worker thread with a deadline and a memory limit.
 */
export async function extractDocx(
  name: string,
  bytes: Uint8Array,
  signal?: AbortSignal,
): Promise<ExtractedDocument> {
  const archive = packStoredZip(unpackTextParts(name, bytes));
  const converted = await convertInWorker(name, { kind: "docx", archive }, { signal });
  const markdown = normalizeText(converted.markdown);
  return {
    title: titleFromMarkdown(markdown, titleFromFileName(name)),
    format: "markdown",
    sections: markdown ? [{ text: markdown, page: null }] : [],
    pages: null,
  };
}

function unpackTextParts(name: string, bytes: Uint8Array): Map<string, Uint8Array> {
  const maxExpandedBytes = getEnvironment().MAX_EXPANDED_BYTES;
  try {
    return unpackZipEntries(bytes, { maxExpandedBytes, maxEntries, include: isTextPart });
  } catch (error) {
    if (!(error instanceof ZipLimitError)) throw error;
    throw describeZipError(name, error, maxExpandedBytes);
  }
}

function describeZipError(name: string, error: ZipLimitError, maxExpandedBytes: number): AppError {
  switch (error.reason) {
    case "too_large":
      return new AppError(
        "payload_too_large",
        `“${name}” unpacks to more than ${formatBytes(maxExpandedBytes)} (MAX_EXPANDED_BYTES), so it was refused: it may be a “zip bomb”. If it is a genuine document, split it into smaller ones.`,
        { cause: error },
      );
    case "encrypted":
      return new AppError(
        "unsupported_media_type",
        `“${name}” is password-protected. Remove the password in Word and upload it again.`,
        { cause: error },
      );
    default:
      return new AppError(
        "bad_request",
        `“${name}” is a damaged Word document (${error.message}). Open it in Word or LibreOffice, save it again as .docx and upload the new file.`,
        { cause: error },
      );
  }
}
