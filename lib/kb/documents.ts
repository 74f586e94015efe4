import "server-only";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  deleteDocumentRow,
  markDocumentFailed,
  selectDocument,
  selectDocuments,
  selectProcessingDocumentIds,
} from "./document-rows";
import type { KnowledgeDocument } from "./document-types";
import { cancelIngestion, isIngestionRunning } from "./ingestion-jobs";
import { deleteOriginal } from "./originals";
import { processSingleton } from "./process-singleton";
import { deleteChunks } from "./store";

const interruptedMessage = "Adding the document was interrupted by a server restart; upload it again.";

/**
 * Once per process and data directory: documents still marked processing belong to jobs that died
 * with the previous server, so they are marked failed (and any chunks they left are removed).
 */
export async function recoverInterruptedDocuments(): Promise<void> {
  const recovered = processSingleton("kb.recovered", () => new Map<string, Promise<void>>());
  const { dataDirectory } = getEnvironment();
  let recovery = recovered.get(dataDirectory);
  if (!recovery) {
    recovery = failInterrupted();
    recovered.set(dataDirectory, recovery);
    recovery.catch(() => recovered.delete(dataDirectory));
  }
  await recovery;
}

async function failInterrupted(): Promise<void> {
  for (const id of selectProcessingDocumentIds()) {
    if (isIngestionRunning(id)) continue;
    await deleteChunks(id);
    markDocumentFailed(id, interruptedMessage);
  }
}

/** Every document in the knowledge base, newest first. */
export async function listDocuments(): Promise<KnowledgeDocument[]> {
  await recoverInterruptedDocuments();
  return selectDocuments();
}

/** One document; throws a not_found AppError when there is none with this id. */
export async function getDocument(id: string): Promise<KnowledgeDocument> {
  await recoverInterruptedDocuments();
  const document = selectDocument(id);
  if (!document) throw notFound(id);
  return document;
}

/** Deletes a document everywhere: stops its ingestion, removes its chunks, its original and its row. */
export async function deleteDocument(id: string): Promise<void> {
  if (!selectDocument(id)) throw notFound(id);
  await cancelIngestion(id);
  await deleteChunks(id);
  await deleteOriginal(id);
  // The row goes last, so a failure above leaves the document listed and the delete can be retried.
  deleteDocumentRow(id);
}

function notFound(id: string): AppError {
  return new AppError(
    "not_found",
    `There is no document with id “${id}”. It may have been deleted; reload the list.`,
  );
}
