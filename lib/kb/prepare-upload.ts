import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { detectDocumentType } from "./detect-type";
import type { KnowledgeDocument } from "./document-types";
import { type OpenedDocument, openDocument } from "./extract";
import { assertSafeFileName, sanitizeFileName } from "./file-name";
import { formatBytes } from "./format-bytes";

/** An uploaded file checked and opened, before anything is stored. */
export interface PreparedUpload {
  name: string;
  bytes: Uint8Array;
  contentHash: string;
  mediaType: string;
  /** The stored document with the same content; then nothing was opened. */
  duplicateOf?: KnowledgeDocument;
  opened?: OpenedDocument;
}

/**
 * Checks one uploaded file (name, size, real type) and opens it: PDFs are opened and probed in a
 * worker, other formats extracted. Throws a 4xx AppError for anything unreadable, so the upload
 * can be refused before it stores anything. Content already stored is not opened again.
 */
export async function prepareUpload(
  file: File,
  maxBytes: number,
  findStored: (contentHash: string) => Promise<KnowledgeDocument | undefined>,
): Promise<PreparedUpload> {
  assertSafeFileName(file.name);
  const name = sanitizeFileName(file.name);
  if (file.size > maxBytes) {
    throw new AppError(
      "payload_too_large",
      `“${name}” is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)} (MAX_UPLOAD_BYTES). Split it into smaller files or raise the limit.`,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  // The type is checked before the duplicate: a copy of a stored PDF named .txt is a mismatch, not a copy.
  const detected = detectDocumentType(name, bytes);
  const contentHash = hashContent(bytes);
  const duplicateOf = await findStored(contentHash);
  if (duplicateOf) return { name, bytes, contentHash, mediaType: duplicateOf.mediaType, duplicateOf };
  const opened = await openDocument(name, detected, bytes);
  return { name, bytes, contentHash, mediaType: detected.mediaType, opened };
}

/** The SHA-256 of the bytes, in hex: how identical uploads are recognised. */
export function hashContent(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
