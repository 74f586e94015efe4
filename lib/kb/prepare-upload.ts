import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { detectDocumentType } from "./detect-type";
import { extractDocument } from "./extract";
import { sanitizeFileName } from "./file-name";
import { formatBytes } from "./format-bytes";
import { type DocumentChunk, splitDocument } from "./split";

/** An uploaded file checked and read, before anything is stored. */
export interface PreparedUpload {
  name: string;
  bytes: Uint8Array;
  contentHash: string;
  /** Absent when the same content is already stored, so there was nothing to extract. */
  content?: PreparedContent;
}

/** A file's detected type and its text, split into chunks. */
export interface PreparedContent {
  mediaType: string;
  title: string;
  pages: number | null;
  chunks: DocumentChunk[];
}

/**
 * Checks one uploaded file (size, real type), extracts and splits its text. Throws a 4xx AppError
 * for anything unreadable, so the upload can be refused before it stores anything.
 */
export async function prepareUpload(
  file: File,
  maxBytes: number,
  isAlreadyStored: (contentHash: string) => boolean,
): Promise<PreparedUpload> {
  const name = sanitizeFileName(file.name);
  if (file.size > maxBytes) {
    throw new AppError(
      "payload_too_large",
      `“${name}” is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)} (MAX_UPLOAD_BYTES). Split it into smaller files or raise the limit.`,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const contentHash = hashContent(bytes);
  if (bytes.byteLength > 0 && isAlreadyStored(contentHash)) return { name, bytes, contentHash };
  return { name, bytes, contentHash, content: await prepareContent(name, bytes) };
}

/** Detects, extracts and splits a file's bytes. */
export async function prepareContent(name: string, bytes: Uint8Array): Promise<PreparedContent> {
  const detected = detectDocumentType(name, bytes);
  const extracted = await extractDocument(name, detected, bytes);
  const chunks = await splitDocument(extracted);
  return { mediaType: detected.mediaType, title: extracted.title, pages: extracted.pages, chunks };
}

/** The SHA-256 of the bytes, in hex: how identical uploads are recognised. */
export function hashContent(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
