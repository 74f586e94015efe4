import "server-only";
import { existsSync } from "node:fs";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { deleteChunks } from "./chunk-writes";
import {
  deleteDocumentRow,
  markDocumentFailed,
  restartFailedDocument,
  selectDocument,
  selectDocumentIds,
  selectDocuments,
} from "./document-rows";
import type { KnowledgeDocument } from "./document-types";
import { assertIndexAcceptsDocuments } from "./index-status";
import { isIngestionRunning, startIngestionJob, stopIngestion } from "./ingestion-jobs";
import { deleteOriginal, originalPath } from "./originals";
import { processSingleton } from "./process-singleton";
import { recoverInterruptedReindex, reindexTargetTables } from "./reindex";

const interruptedMessage = "Adding the document was interrupted by a server restart. Retry to add it again.";
const cancelledMessage = "Cancelled. Retry to add the document after all, or delete it.";

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
    // A failed recovery is tried again on the next call; its error reaches this call's caller.
    recovery.catch(() => recovered.delete(dataDirectory));
  }
  await recovery;
}

async function failInterrupted(): Promise<void> {
  await recoverInterruptedReindex();
  for (const id of selectDocumentIds("processing")) {
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
  await stopIngestion(id, "The document was deleted while it was being added.");
  await deleteChunks(id, reindexTargetTables());
  await deleteOriginal(id);
  // The row goes last, so a failure above leaves the document listed and the delete can be retried.
  deleteDocumentRow(id);
}

/** Stops a document that is being added; it stays listed as failed ("Cancelled") so it can be retried. */
export async function cancelDocument(id: string): Promise<KnowledgeDocument> {
  const document = await getDocument(id);
  if (document.status !== "processing") {
    throw new AppError(
      "conflict",
      document.status === "failed"
        ? `“${document.name}” is not being added (adding it failed), so there is nothing to cancel. Retry or delete it.`
        : `“${document.name}” is already in the knowledge base, so there is nothing to cancel. Delete it to remove it.`,
    );
  }
  if (!(await stopIngestion(id, cancelledMessage))) markDocumentFailed(id, cancelledMessage);
  return selectDocument(id) as KnowledgeDocument;
}

/** Runs a failed document's ingestion again from its stored original. */
export async function retryDocument(id: string): Promise<KnowledgeDocument> {
  const document = await getDocument(id);
  if (document.status !== "failed") {
    throw new AppError(
      "conflict",
      `“${document.name}” is ${document.status}; only a failed document can be retried.`,
    );
  }
  await assertIndexAcceptsDocuments();
  if (!existsSync(originalPath(id))) {
    throw new AppError(
      "conflict",
      `The original of “${document.name}” is no longer stored, so it cannot be read again. Delete it and upload the file again.`,
    );
  }
  if (!restartFailedDocument(id)) return getDocument(id);
  startIngestionJob({ documentId: id, documentName: document.name });
  return selectDocument(id) as KnowledgeDocument;
}

function notFound(id: string): AppError {
  return new AppError(
    "not_found",
    `There is no document with id “${id}”. It may have been deleted; reload the list.`,
  );
}
