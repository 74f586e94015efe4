import "server-only";
import { randomUUID } from "node:crypto";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { deleteDocumentRow, insertDocumentRow, selectDocumentByHash } from "./document-rows";
import type { KnowledgeDocument } from "./document-types";
import { deleteDocument, recoverInterruptedDocuments } from "./documents";
import { formatBytes } from "./format-bytes";
import { preparedProgress, startIngestionJob } from "./ingestion-jobs";
import { writeOriginal } from "./originals";
import { type PreparedContent, type PreparedUpload, prepareContent, prepareUpload } from "./prepare-upload";

/** What an upload produced: one document per file (new or already there) and notes for the user. */
export interface IngestResult {
  documents: KnowledgeDocument[];
  messages: string[];
}

const maxFilesPerUpload = 20;

/**
 * Adds uploaded files to the knowledge base. Every file is checked, detected, extracted and split
 * first, so a bad file refuses the whole upload with a 4xx AppError and nothing is stored. Then each
 * new file gets its original, a `processing` row, and a background job that embeds and indexes it
 * (`waitForIngestion` awaits it). Content already in the knowledge base returns that document.
 */
export async function ingestUpload(files: File[]): Promise<IngestResult> {
  if (files.length === 0) throw new AppError("bad_request", "Choose at least one file to upload.");
  if (files.length > maxFilesPerUpload) {
    throw new AppError("bad_request", `Upload at most ${maxFilesPerUpload} files at once; split the upload.`);
  }
  await recoverInterruptedDocuments();
  const { MAX_UPLOAD_BYTES } = getEnvironment();
  const prepared: PreparedUpload[] = [];
  for (const file of files) prepared.push(await prepareUpload(file, MAX_UPLOAD_BYTES, isStored));
  const result: IngestResult = { documents: [], messages: [] };
  for (const upload of prepared) {
    const { document, duplicate } = await storeUpload(upload);
    result.documents.push(document);
    if (duplicate) {
      result.messages.push(
        `“${upload.name}” is already in the knowledge base as “${document.name}”; it was not added again.`,
      );
    }
  }
  return result;
}

function findStored(contentHash: string): KnowledgeDocument | undefined {
  const existing = selectDocumentByHash(contentHash);
  return existing && existing.status !== "failed" ? existing : undefined;
}

function isStored(contentHash: string): boolean {
  return findStored(contentHash) !== undefined;
}

async function storeUpload(
  upload: PreparedUpload,
): Promise<{ document: KnowledgeDocument; duplicate: boolean }> {
  const existing = findStored(upload.contentHash);
  if (existing) return { document: existing, duplicate: true };
  // A failed earlier attempt with the same content makes way for this one.
  const failed = selectDocumentByHash(upload.contentHash);
  if (failed) await deleteDocument(failed.id);
  // Only when the stored copy vanished since the check (deleted meanwhile) is the content still unread.
  const content = upload.content ?? (await prepareContent(upload.name, upload.bytes));
  const id = randomUUID();
  let document: KnowledgeDocument;
  try {
    document = insertProcessingRow(id, upload, content);
  } catch (error) {
    // Another request stored the same content between our check and this insert.
    const winner = findStored(upload.contentHash);
    if (winner) return { document: winner, duplicate: true };
    throw error;
  }
  try {
    await writeOriginal(id, upload.bytes);
  } catch (error) {
    deleteDocumentRow(id);
    throw error;
  }
  startIngestionJob({
    documentId: id,
    documentName: upload.name,
    title: content.title,
    chunks: content.chunks,
  });
  return { document, duplicate: false };
}

function insertProcessingRow(
  id: string,
  upload: PreparedUpload,
  content: PreparedContent,
): KnowledgeDocument {
  return insertDocumentRow(
    {
      id,
      name: upload.name,
      mediaType: content.mediaType,
      size: upload.bytes.byteLength,
      contentHash: upload.contentHash,
      pages: content.pages,
      chunks: content.chunks.length,
    },
    preparedProgress,
  );
}

/**
 * Refuses a request body that cannot fit the limits before it is read into memory: at most
 * `maxFilesPerUpload` files of MAX_UPLOAD_BYTES each, plus room for the multipart framing.
 */
export function assertUploadRequestSize(contentLength: string | null): void {
  const { MAX_UPLOAD_BYTES } = getEnvironment();
  const length = Number(contentLength);
  if (!contentLength || !Number.isFinite(length)) return;
  if (length > MAX_UPLOAD_BYTES * maxFilesPerUpload + 1024 * 1024) {
    throw new AppError(
      "payload_too_large",
      `The upload is ${formatBytes(length)}; each file may be at most ${formatBytes(MAX_UPLOAD_BYTES)} (MAX_UPLOAD_BYTES). Upload fewer or smaller files.`,
    );
  }
}
