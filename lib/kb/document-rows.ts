import "server-only";
import { getDatabase } from "@/lib/db/database";
import type { DocumentStatus, IngestionStage, KnowledgeDocument } from "./document-types";

interface DocumentRow {
  id: string;
  name: string;
  media_type: string;
  size: number;
  content_hash: string;
  status: DocumentStatus;
  stage: IngestionStage | null;
  progress: number;
  chunks: number;
  pages: number | null;
  error: string | null;
  created_at: number;
  updated_at: number;
}

/** What a new document row needs; it starts as processing. */
export interface NewDocumentRow {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  contentHash: string;
  pages: number | null;
  chunks: number;
}

function toDocument(row: DocumentRow): KnowledgeDocument {
  return {
    id: row.id,
    name: row.name,
    mediaType: row.media_type,
    size: row.size,
    status: row.status,
    stage: row.stage,
    progress: row.progress,
    chunks: row.chunks,
    pages: row.pages,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Inserts a processing document. Throws if a document with the same content hash exists. */
export function insertDocumentRow(document: NewDocumentRow, progress: number): KnowledgeDocument {
  const now = Date.now();
  getDatabase()
    .prepare(
      `INSERT INTO documents (id, name, media_type, size, content_hash, status, stage, progress, chunks, pages, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'processing', 'embedding', ?, ?, ?, ?, ?)`,
    )
    .run(
      document.id,
      document.name,
      document.mediaType,
      document.size,
      document.contentHash,
      progress,
      document.chunks,
      document.pages,
      now,
      now,
    );
  return selectDocument(document.id) as KnowledgeDocument;
}

/** One document, or undefined. */
export function selectDocument(id: string): KnowledgeDocument | undefined {
  const row = getDatabase().prepare("SELECT * FROM documents WHERE id = ?").get(id) as
    | DocumentRow
    | undefined;
  return row ? toDocument(row) : undefined;
}

/** The document with this content hash, or undefined. */
export function selectDocumentByHash(contentHash: string): KnowledgeDocument | undefined {
  const row = getDatabase().prepare("SELECT * FROM documents WHERE content_hash = ?").get(contentHash) as
    | DocumentRow
    | undefined;
  return row ? toDocument(row) : undefined;
}

/** Every document, newest first. */
export function selectDocuments(): KnowledgeDocument[] {
  const rows = getDatabase().prepare("SELECT * FROM documents ORDER BY created_at DESC, name").all();
  return (rows as unknown as DocumentRow[]).map(toDocument);
}

/** Ids of the documents still marked processing. */
export function selectProcessingDocumentIds(): string[] {
  const rows = getDatabase().prepare("SELECT id FROM documents WHERE status = 'processing'").all();
  return (rows as unknown as Array<{ id: string }>).map((row) => row.id);
}

/** Records how far a processing document has come. */
export function updateDocumentProgress(id: string, stage: IngestionStage, progress: number): void {
  getDatabase()
    .prepare(
      "UPDATE documents SET stage = ?, progress = ?, updated_at = ? WHERE id = ? AND status = 'processing'",
    )
    .run(stage, progress, Date.now(), id);
}

/** Marks a document searchable. */
export function markDocumentReady(id: string, chunks: number): void {
  getDatabase()
    .prepare(
      "UPDATE documents SET status = 'ready', stage = NULL, progress = 1, chunks = ?, error = NULL, updated_at = ? WHERE id = ?",
    )
    .run(chunks, Date.now(), id);
}

/** Marks a document failed with a message that says what went wrong. */
export function markDocumentFailed(id: string, error: string): void {
  getDatabase()
    .prepare(
      "UPDATE documents SET status = 'failed', stage = NULL, chunks = 0, error = ?, updated_at = ? WHERE id = ?",
    )
    .run(error, Date.now(), id);
}

/** Removes a document's row. */
export function deleteDocumentRow(id: string): void {
  getDatabase().prepare("DELETE FROM documents WHERE id = ?").run(id);
}
