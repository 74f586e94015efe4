import "server-only";
import { embedMany } from "ai";
import { describeModelError } from "@/lib/models/model-errors";
import { getEmbeddingModel } from "@/lib/models/provider";
import {
  markDocumentFailed,
  markDocumentReady,
  selectDocument,
  updateDocumentProgress,
} from "./document-rows";
import type { KnowledgeDocument } from "./document-types";
import { processSingleton } from "./process-singleton";
import type { DocumentChunk } from "./split";
import { addChunks, type ChunkRow, deleteChunks } from "./store";

/** What the background part of an ingestion needs: the chunks are already split. */
export interface IngestionJobInput {
  documentId: string;
  documentName: string;
  title: string;
  chunks: DocumentChunk[];
}

interface RunningJob {
  controller: AbortController;
  done: Promise<void>;
}

const embeddingBatchSize = 64;
/** Progress already made when the job starts (detection, extraction and splitting are done). */
export const preparedProgress = 0.1;
const embeddedProgress = 0.9;

function runningJobs(): Map<string, RunningJob> {
  return processSingleton("kb.jobs", () => new Map<string, RunningJob>());
}

/** Starts embedding and indexing a document in the background; its row tracks stage and progress. */
export function startIngestionJob(input: IngestionJobInput): void {
  const controller = new AbortController();
  const done = runIngestion(input, controller.signal).finally(() => runningJobs().delete(input.documentId));
  // Nobody awaits a background job; a failure to even record the failure must still be visible.
  done.catch((error: unknown) => console.error(`Ingestion of ${input.documentId} could not finish`, error));
  runningJobs().set(input.documentId, { controller, done });
}

/** Waits until a document's ingestion job (if any) has finished, then returns the document. */
export async function waitForIngestion(documentId: string): Promise<KnowledgeDocument | undefined> {
  await runningJobs().get(documentId)?.done;
  return selectDocument(documentId);
}

/** True while this process is ingesting the document. */
export function isIngestionRunning(documentId: string): boolean {
  return runningJobs().has(documentId);
}

/** Stops a running ingestion and waits for it to clean up. */
export async function cancelIngestion(documentId: string): Promise<void> {
  const job = runningJobs().get(documentId);
  if (!job) return;
  job.controller.abort(new Error("The document was deleted while it was being added."));
  await job.done;
}

async function runIngestion(input: IngestionJobInput, signal: AbortSignal): Promise<void> {
  try {
    const vectors = await embedChunks(input, signal);
    signal.throwIfAborted();
    updateDocumentProgress(input.documentId, "indexing", embeddedProgress);
    await addChunks(toRows(input, vectors));
    signal.throwIfAborted();
    markDocumentReady(input.documentId, input.chunks.length);
  } catch (error) {
    // Never leave half a document searchable: whatever was added goes, and the row says failed either way.
    try {
      await deleteChunks(input.documentId);
    } finally {
      markDocumentFailed(input.documentId, failureMessage(error, signal));
    }
  }
}

async function embedChunks(input: IngestionJobInput, signal: AbortSignal): Promise<number[][]> {
  const model = getEmbeddingModel();
  const vectors: number[][] = [];
  for (let start = 0; start < input.chunks.length; start += embeddingBatchSize) {
    const batch = input.chunks.slice(start, start + embeddingBatchSize);
    const { embeddings } = await embedMany({
      model,
      values: batch.map((chunk) => embeddingText(input.title, chunk)),
      maxParallelCalls: 2,
      abortSignal: signal,
    });
    vectors.push(...embeddings);
    const share = vectors.length / input.chunks.length;
    updateDocumentProgress(
      input.documentId,
      "embedding",
      preparedProgress + share * (embeddedProgress - preparedProgress),
    );
  }
  return vectors;
}

// The title and heading give a chunk's vector the context its text alone may lack.
function embeddingText(title: string, chunk: DocumentChunk): string {
  return [title, chunk.heading, chunk.text].filter(Boolean).join("\n");
}

function toRows(input: IngestionJobInput, vectors: number[][]): ChunkRow[] {
  return input.chunks.map((chunk, index) => ({
    id: `${input.documentId}:${chunk.index}`,
    documentId: input.documentId,
    documentName: input.documentName,
    chunkIndex: chunk.index,
    page: chunk.page,
    heading: chunk.heading,
    charOffset: chunk.offset,
    text: chunk.text,
    vector: vectors[index],
  }));
}

function failureMessage(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return "Adding the document was cancelled.";
  return `Embedding or indexing failed: ${describeModelError(error)} Upload the document again once this is fixed.`;
}
