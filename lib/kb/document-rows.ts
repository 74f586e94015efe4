import "server-only";
import { getDatabase } from "@/lib/db/database";
import type { DocumentRow } from "@/lib/db/schema";
import { getEnvironment } from "@/lib/env";
import type { DocumentStatus, IngestionStage, KnowledgeDocument } from "./document-types";

/** How long a processing document stays claimed without its server renewing the lease (LEASE_MS). */
function documentLeaseMs(): number {
  return getEnvironment().LEASE_MS;
}

/** What a new document row needs; it starts as processing, in the extracting stage. */
export interface NewDocumentRow {
  id: string;
  name: string;
  title: string | null;
  mediaType: string;
  size: number;
  contentHash: string;
  pages: number | null;
}

function toDocument(row: DocumentRow): KnowledgeDocument {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    mediaType: row.media_type,
    size: row.size,
    status: row.status,
    stage: row.stage,
    stageDetail: row.stage_detail,
    progress: row.progress,
    chunks: row.chunks,
    pages: row.pages,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Inserts a processing document. Throws if a document with the same content hash exists. */
export async function insertDocumentRow(document: NewDocumentRow): Promise<KnowledgeDocument> {
  const now = Date.now();
  const database = await getDatabase();
  const row = await database
    .insertInto("documents")
    .values({
      id: document.id,
      name: document.name,
      title: document.title,
      media_type: document.mediaType,
      size: document.size,
      content_hash: document.contentHash,
      status: "processing",
      stage: "extracting",
      progress: 0,
      chunks: 0,
      pages: document.pages,
      created_at: now,
      updated_at: now,
      lease_expires_at: now + documentLeaseMs(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDocument(row);
}

/** One document, or undefined. */
export async function selectDocument(id: string): Promise<KnowledgeDocument | undefined> {
  const database = await getDatabase();
  const row = await database.selectFrom("documents").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toDocument(row) : undefined;
}

/** The document with this content hash, or undefined. */
export async function selectDocumentByHash(contentHash: string): Promise<KnowledgeDocument | undefined> {
  const database = await getDatabase();
  const row = await database
    .selectFrom("documents")
    .selectAll()
    .where("content_hash", "=", contentHash)
    .executeTakeFirst();
  return row ? toDocument(row) : undefined;
}

/** Every document, newest first. */
export async function selectDocuments(): Promise<KnowledgeDocument[]> {
  const database = await getDatabase();
  const rows = await database
    .selectFrom("documents")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("name")
    .execute();
  return rows.map(toDocument);
}

/** Ids of the documents with this status. */
export async function selectDocumentIds(status: DocumentStatus): Promise<string[]> {
  const database = await getDatabase();
  const rows = await database.selectFrom("documents").select("id").where("status", "=", status).execute();
  return rows.map((row) => row.id);
}

/** Records how far a processing document has come. */
export async function updateDocumentProgress(
  id: string,
  progress: { stage: IngestionStage; fraction: number; detail?: string | null },
): Promise<void> {
  const database = await getDatabase();
  await database
    .updateTable("documents")
    .set({
      stage: progress.stage,
      progress: progress.fraction,
      stage_detail: progress.detail ?? null,
      updated_at: Date.now(),
    })
    .where("id", "=", id)
    .where("status", "=", "processing")
    .execute();
}

/** Records what extraction learned about a document: its title and page count. */
export async function updateDocumentDetails(
  id: string,
  details: { title: string; pages: number | null },
): Promise<void> {
  const database = await getDatabase();
  await database
    .updateTable("documents")
    .set({ title: details.title, pages: details.pages, updated_at: Date.now() })
    .where("id", "=", id)
    .execute();
}

/**
 * Marks a processing document searchable. Guarded: a document that was cancelled, failed or deleted
 * meanwhile stays as it is; returns whether this call made it ready.
 */
export async function markDocumentReady(id: string, chunks: number): Promise<boolean> {
  const database = await getDatabase();
  const result = await database
    .updateTable("documents")
    .set({
      status: "ready",
      stage: null,
      stage_detail: null,
      progress: 1,
      chunks,
      error: null,
      updated_at: Date.now(),
      lease_expires_at: null,
    })
    .where("id", "=", id)
    .where("status", "=", "processing")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Marks a processing document failed with a message that says what went wrong. Guarded: a document
 * already failed (cancelled, say) keeps its message; returns whether this call failed it. With
 * `keepLease` (a cancel for a job another replica runs) the job keeps its lease until it has
 * stopped and released it, so no retry can start while it still writes.
 */
export async function markDocumentFailed(
  id: string,
  error: string,
  { keepLease = false }: { keepLease?: boolean } = {},
): Promise<boolean> {
  const database = await getDatabase();
  const result = await database
    .updateTable("documents")
    .set({
      status: "failed",
      stage: null,
      stage_detail: null,
      chunks: 0,
      error,
      updated_at: Date.now(),
      ...(keepLease ? {} : { lease_expires_at: null }),
    })
    .where("id", "=", id)
    .where("status", "=", "processing")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A job's work on a document is over (done, failed or stopped): a retry may start. */
export async function releaseDocumentLease(id: string): Promise<void> {
  const database = await getDatabase();
  await database.updateTable("documents").set({ lease_expires_at: null }).where("id", "=", id).execute();
}

/**
 * Renews the leases of the documents this server is adding, and returns those of them that are no
 * longer processing here: cancelled or deleted meanwhile, perhaps through another replica.
 */
export async function renewDocumentLeases(ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const database = await getDatabase();
  await database
    .updateTable("documents")
    .set({ lease_expires_at: Date.now() + documentLeaseMs() })
    .where("id", "in", ids)
    .where("status", "=", "processing")
    .execute();
  const processing = await database
    .selectFrom("documents")
    .select("id")
    .where("id", "in", ids)
    .where("status", "=", "processing")
    .execute();
  const stillProcessing = new Set(processing.map((row) => row.id));
  return ids.filter((id) => !stillProcessing.has(id));
}

/** Processing documents whose server stopped renewing their lease before `now`: nobody is adding them. */
export async function selectAbandonedDocumentIds(now = Date.now()): Promise<string[]> {
  const database = await getDatabase();
  const rows = await database
    .selectFrom("documents")
    .select("id")
    .where("status", "=", "processing")
    .where((builder) =>
      builder.or([builder("lease_expires_at", "is", null), builder("lease_expires_at", "<", now)]),
    )
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Puts a failed document back to processing for a retry. False when it was not failed, or when the
 * job it was cancelled from still holds its lease (it is stopping on another replica).
 */
export async function restartFailedDocument(id: string): Promise<boolean> {
  const now = Date.now();
  const database = await getDatabase();
  const result = await database
    .updateTable("documents")
    .set({
      status: "processing",
      stage: "extracting",
      stage_detail: null,
      progress: 0,
      chunks: 0,
      error: null,
      updated_at: Date.now(),
      lease_expires_at: now + documentLeaseMs(),
    })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .where((builder) =>
      builder.or([builder("lease_expires_at", "is", null), builder("lease_expires_at", "<", now)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes a document's row. */
export async function deleteDocumentRow(id: string): Promise<void> {
  const database = await getDatabase();
  await database.deleteFrom("documents").where("id", "=", id).execute();
}
