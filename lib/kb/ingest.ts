import "server-only";
import { randomUUID } from "node:crypto";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { insertDocumentRow, selectDocumentByHash } from "./document-rows";
import type { KnowledgeDocument } from "./document-types";
import { deleteDocument, recoverInterruptedDocuments } from "./documents";
import { assertIndexAcceptsDocuments } from "./index-status";
import { startIngestionJob } from "./ingestion-jobs";
import { deleteOriginal, writeOriginal } from "./originals";
import { type PreparedUpload, prepareUpload } from "./prepare-upload";
import { trackUpload } from "./uploads-in-flight";

/** What an upload produced: one document per file (new or already there) and notes for the user. */
export interface IngestResult {
  documents: KnowledgeDocument[];
  messages: string[];
}

/** Files one upload may carry. */
export const maxFilesPerUpload = 20;

/**
 * Adds uploaded files to the knowledge base. Every file is checked and opened first (type from the
 * bytes, limits, a PDF probed in its worker), so a bad file refuses the whole upload with a 4xx
 * AppError and nothing is stored. Then each new file gets its original, a `processing` row and a
 * background job (extract → split → embed → index; `waitForIngestion` awaits it), and the call
 * returns at once. Content already in the knowledge base returns that document with a message.
 */
export async function ingestUpload(files: File[]): Promise<IngestResult> {
  if (files.length === 0) throw new AppError("bad_request", "Choose at least one file to upload.");
  if (files.length > maxFilesPerUpload) {
    throw new AppError("bad_request", `Upload at most ${maxFilesPerUpload} files at once; split the upload.`);
  }
  return trackUpload(async () => {
    await recoverInterruptedDocuments();
    await assertIndexAcceptsDocuments();
    return storeAll(await prepareAll(files));
  });
}

async function storeAll(prepared: PreparedUpload[]): Promise<IngestResult> {
  const result: IngestResult = { documents: [], messages: [] };
  for (const upload of prepared) {
    const { document, duplicate } = await storeUpload(upload);
    result.documents.push(document);
    if (duplicate) {
      result.messages.push(
        `“${upload.name}” has the same content as “${document.name}”, which is already in the knowledge base; it was not added again.`,
      );
    }
  }
  return result;
}

async function prepareAll(files: File[]): Promise<PreparedUpload[]> {
  const { MAX_UPLOAD_BYTES } = getEnvironment();
  const prepared: PreparedUpload[] = [];
  try {
    for (const file of files) prepared.push(await prepareUpload(file, MAX_UPLOAD_BYTES, findStored));
  } catch (error) {
    // One bad file refuses the upload: the files already opened stop being read.
    for (const upload of prepared) upload.opened?.stop(new Error("Another file of the upload was refused."));
    throw error;
  }
  return prepared;
}

async function findStored(contentHash: string): Promise<KnowledgeDocument | undefined> {
  const existing = await selectDocumentByHash(contentHash);
  return existing && existing.status !== "failed" ? existing : undefined;
}

async function storeUpload(
  upload: PreparedUpload,
): Promise<{ document: KnowledgeDocument; duplicate: boolean }> {
  const existing = await findStored(upload.contentHash);
  if (existing) {
    upload.opened?.stop(new Error("The same content is already stored."));
    return { document: existing, duplicate: true };
  }
  if (!upload.opened) {
    // The duplicate found while preparing was deleted before this upload stored anything.
    throw new AppError(
      "conflict",
      `“${upload.name}” matched a document that was deleted while this upload ran. Upload it again.`,
    );
  }
  // A failed earlier attempt with the same content makes way for this one.
  const failed = await selectDocumentByHash(upload.contentHash);
  if (failed) await deleteDocument(failed.id);
  const id = randomUUID();
  // The original first: a slow upload to object storage must not eat the lease of a row already listed.
  try {
    await writeOriginal(id, upload.bytes);
  } catch (error) {
    upload.opened.stop(new Error("The original could not be stored."));
    throw error;
  }
  let document: KnowledgeDocument;
  try {
    document = await insertDocumentRow({
      id,
      name: upload.name,
      title: upload.opened.title,
      mediaType: upload.mediaType,
      size: upload.bytes.byteLength,
      contentHash: upload.contentHash,
      pages: upload.opened.pages,
    });
  } catch (error) {
    upload.opened.stop(new Error("The upload could not be recorded."));
    await deleteOriginal(id);
    // Another request stored the same content between our check and this insert.
    const winner = await findStored(upload.contentHash);
    if (winner) return { document: winner, duplicate: true };
    throw error;
  }
  startIngestionJob({ documentId: id, documentName: upload.name, opened: upload.opened });
  return { document, duplicate: false };
}
