import "server-only";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { processSingleton } from "@/lib/process-singleton";
import { deleteChunks } from "./chunk-writes";
import {
  deleteDocumentRow,
  markDocumentFailed,
  restartFailedDocument,
  selectAbandonedDocumentIds,
  selectDocument,
  selectDocuments,
} from "./document-rows";
import type { KnowledgeDocument } from "./document-types";
import { assertIndexAcceptsDocuments } from "./index-status";
import { isIngestionRunning, startIngestionJob, stopIngestion } from "./ingestion-jobs";
import { deleteOriginal, hasOriginal } from "./originals";
import { recoverInterruptedReindex, reindexTargetTables } from "./reindex";

const interruptedMessage = "Adding the document was interrupted by a server restart. Retry to add it again.";
/** How often a server looks for documents whose server stopped (their lease ran out). */
const sweepIntervalMs = 5_000;
const cancelledMessage = "Cancelled. Retry to add the document after all, or delete it.";

/**
 * Documents still marked processing whose lease ran out belong to jobs that died with their server
 * (this one's previous run, or another replica), so they are marked failed and the chunks they left
 * are removed. A document whose server still renews its lease is left alone. Runs at most every
 * few seconds per process and data directory.
 */
export async function recoverInterruptedDocuments(): Promise<void> {
  const recovered = processSingleton(
    "kb.recovered",
    () => new Map<string, { at: number; done: Promise<void> }>(),
  );
  const { dataDirectory } = getEnvironment();
  const last = recovered.get(dataDirectory);
  if (last && Date.now() - last.at < sweepIntervalMs) return last.done;
  const done = failInterrupted();
  recovered.set(dataDirectory, { at: Date.now(), done });
  // A failed recovery is tried again on the next call; its error reaches this call's caller.
  done.catch(() => recovered.delete(dataDirectory));
  await done;
}

/** The sweep itself, unthrottled (see `recoverInterruptedDocuments`). */
export async function failInterrupted(): Promise<void> {
  await recoverInterruptedReindex();
  for (const id of await selectAbandonedDocumentIds()) {
    if (isIngestionRunning(id)) continue;
    // Failed first: a job that does come back can no longer make it ready.
    if (await markDocumentFailed(id, interruptedMessage)) await deleteChunks(id);
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
  const document = await selectDocument(id);
  if (!document) throw notFound(id);
  return document;
}

/** Deletes a document everywhere: stops its ingestion, removes its chunks, its original and its row. */
export async function deleteDocument(id: string): Promise<void> {
  if (!(await selectDocument(id))) throw notFound(id);
  const reason = "The document was deleted while it was being added.";
  // A job here stops and cleans up; one on another replica can no longer make it ready once it is
  // failed, so the passages removed next never come back as searchable.
  if (!(await stopIngestion(id, reason))) await markDocumentFailed(id, reason, { keepLease: true });
  await deleteChunks(id, await reindexTargetTables());
  await deleteOriginal(id);
  // The row goes last, so a failure above leaves the document listed and the delete can be retried.
  await deleteDocumentRow(id);
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
  // A job of this process stops and cleans up here; one on another replica notices the cancel
  // within a renewal and keeps its lease until it has stopped.
  if (!(await stopIngestion(id, cancelledMessage))) {
    await markDocumentFailed(id, cancelledMessage, { keepLease: true });
  }
  return getDocument(id);
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
  if (!(await hasOriginal(id))) {
    throw new AppError(
      "conflict",
      `The original of “${document.name}” is no longer stored, so it cannot be read again. Delete it and upload the file again.`,
    );
  }
  if (!(await restartFailedDocument(id))) {
    const now = await getDocument(id);
    if (now.status !== "failed") return now;
    throw new AppError(
      "conflict",
      `“${document.name}” is still being stopped on another server. Retry in a few seconds.`,
    );
  }
  startIngestionJob({ documentId: id, documentName: document.name });
  return getDocument(id);
}

function notFound(id: string): AppError {
  return new AppError(
    "not_found",
    `There is no document with id “${id}”. It may have been deleted; reload the list.`,
  );
}
