import "server-only";
import { embedMany } from "ai";
import { AppError } from "@/lib/errors";
import { type ChunkBatch, type ChunkRow, concatChunkBatches, toChunkBatch } from "./chunk-table";
import { addChunks, deleteChunks } from "./chunk-writes";
import { detectDocumentType } from "./detect-type";
import { markDocumentReady, updateDocumentDetails } from "./document-rows";
import { currentEmbeddingModel } from "./embedding-identity";
import { type OpenedDocument, openDocument } from "./extract";
import { createProgressReporter } from "./ingestion-progress";
import { readOriginal } from "./originals";
import { createChunker, type DocumentChunk } from "./split";

/** What an ingestion needs: the document, and its already opened text when the upload checked it. */
export interface IngestionInput {
  documentId: string;
  documentName: string;
  opened?: OpenedDocument;
}

// Small enough that little is left to embed once the last page is read; large enough for few requests.
const embeddingBatchSize = 64;
// Shares of the progress bar: reading a PDF's pages, then embedding what is left, then indexing.
const extractedShare = 0.6;
const embeddedShare = 0.95;

/**
 * Runs one document through extract → split → embed → index. A PDF's pages are split, embedded and
 * converted for storage while later pages are still being read in the worker; all chunks are then
 * added in one commit, so the document becomes searchable whole or not at all. Throws on failure or
 * abort (the caller cleans up).
 */
export async function runIngestionPipeline(input: IngestionInput, signal: AbortSignal): Promise<void> {
  const report = createProgressReporter(input.documentId);
  report("extracting", 0);
  const opened = input.opened ?? (await openOriginal(input, signal));
  try {
    await updateDocumentDetails(input.documentId, { title: opened.title, pages: opened.pages });
    const embedded = await splitAndEmbed(input, opened, signal, report);
    signal.throwIfAborted();
    report("indexing", embeddedShare, `${embedded.count} passages`);
    if (embedded.batches.length > 0) {
      await addChunks(concatChunkBatches(embedded.batches), currentEmbeddingModel().name);
    }
    signal.throwIfAborted();
    await report.settled();
    // Cancelled or deleted meanwhile (perhaps on another replica): the row keeps that state and
    // the passages just added go again, so the document never becomes searchable.
    if (!(await markDocumentReady(input.documentId, embedded.count))) await deleteChunks(input.documentId);
  } catch (error) {
    opened.stop(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

async function openOriginal(input: IngestionInput, signal: AbortSignal): Promise<OpenedDocument> {
  const bytes = await readOriginal(input.documentId);
  if (!bytes) {
    throw new AppError(
      "conflict",
      "The uploaded original is no longer stored, so the document cannot be read again. Delete it and upload the file again.",
    );
  }
  return openDocument(input.documentName, detectDocumentType(input.documentName, bytes), bytes, signal);
}

type Report = ReturnType<typeof createProgressReporter>;

/** Embeds chunks in batches with the configured model and converts each batch for storage. */
function createEmbedder(input: IngestionInput, title: string, signal: AbortSignal) {
  const { model } = currentEmbeddingModel();
  const embedded = { count: 0, batches: [] as ChunkBatch[] };
  return {
    embedded,
    async embed(batch: DocumentChunk[]): Promise<void> {
      const { embeddings } = await embedMany({
        model,
        values: batch.map((chunk) => embeddingText(title, chunk)),
        maxParallelCalls: 2,
        abortSignal: signal,
      });
      embedded.batches.push(
        toChunkBatch(batch.map((chunk, index) => toRow(input, chunk, embeddings[index]))),
      );
      embedded.count += batch.length;
    },
  };
}

async function splitAndEmbed(
  input: IngestionInput,
  opened: OpenedDocument,
  signal: AbortSignal,
  report: Report,
) {
  const chunker = createChunker(opened.format);
  const embedder = createEmbedder(input, opened.title, signal);
  const waiting: DocumentChunk[] = [];
  for await (const section of opened.sections) {
    signal.throwIfAborted();
    if (opened.pages === null) report("splitting", 0.05);
    waiting.push(...(await chunker.add(section)));
    if (opened.pages === null) continue;
    // A PDF's chunks are embedded while its later pages are still being read.
    while (waiting.length >= embeddingBatchSize) await embedder.embed(waiting.splice(0, embeddingBatchSize));
    reportReading(opened, report);
  }
  waiting.push(...chunker.finish());
  const total = embedder.embedded.count + waiting.length;
  const start = opened.pages === null ? 0.1 : extractedShare;
  while (waiting.length > 0) {
    signal.throwIfAborted();
    const done = embedder.embedded.count;
    report("embedding", start + (embeddedShare - start) * (done / total), `passage ${done} of ${total}`);
    await embedder.embed(waiting.splice(0, embeddingBatchSize));
  }
  return embedder.embedded;
}

function reportReading(opened: OpenedDocument, report: Report): void {
  const read = opened.pagesRead();
  if (read === undefined || !opened.pages) return;
  report("extracting", extractedShare * (read / opened.pages), `page ${read} of ${opened.pages}`);
}

// The title and heading give a chunk's vector the context its text alone may lack.
export function embeddingText(title: string, chunk: Pick<DocumentChunk, "heading" | "text">): string {
  return [title, chunk.heading, chunk.text].filter(Boolean).join("\n");
}

function toRow(input: IngestionInput, chunk: DocumentChunk, vector: number[]): ChunkRow {
  return {
    id: `${input.documentId}:${chunk.index}`,
    documentId: input.documentId,
    documentName: input.documentName,
    chunkIndex: chunk.index,
    page: chunk.page,
    heading: chunk.heading,
    charOffset: chunk.offset,
    text: chunk.text,
    vector,
  };
}
