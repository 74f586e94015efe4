import "server-only";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { getDatabase } from "@/lib/db/database";
import type { ImageRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getStoredFiles } from "@/lib/storage/stored-files";
import { detectImageFormat } from "./image-format";

/** A generated image's metadata; the bytes are the stored file `images/<fileName>` (DATA_DIR or STORAGE_URL). */
export type StoredImage = {
  id: string;
  fileName: string;
  mediaType: string;
  /** The prompt the image model drew: the image agent's refinement of `request`. */
  prompt: string;
  /** What the image agent was asked for, in the words it was given (absent for older images). */
  request?: string;
  model: string;
  size: string;
  offline: boolean;
  traceId?: string;
  chatId?: string;
  createdAt: number;
};

export type NewImage = Omit<StoredImage, "id" | "fileName" | "mediaType" | "createdAt"> & {
  bytes: Uint8Array;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for the ids this store hands out (lower-case UUIDs); anything else never reaches the file system. */
export function isImageId(value: string): boolean {
  return uuidPattern.test(value);
}

function imageKey(fileName: string): string {
  return `images/${path.basename(fileName)}`;
}

function fromRow(row: ImageRow): StoredImage {
  return {
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    prompt: row.prompt,
    request: row.request ?? undefined,
    model: row.model,
    size: row.size,
    offline: row.offline === 1,
    traceId: row.trace_id ?? undefined,
    chatId: row.chat_id ?? undefined,
    createdAt: row.created_at,
  };
}

/**
 * Stores a generated image: the bytes as `DATA_DIR/images/<uuid>.<ext>` (the type is read from the
 * bytes, never from input) and a metadata row. Bytes that are not PNG, JPEG, GIF or WebP are refused.
 */
export async function saveGeneratedImage({ bytes, ...details }: NewImage): Promise<StoredImage> {
  const format = detectImageFormat(bytes);
  if (!format) {
    throw new AppError(
      "model_error",
      "The image model returned data that is not a PNG, JPEG, GIF or WebP image.",
    );
  }
  const id = randomUUID();
  const stored: StoredImage = {
    ...details,
    id,
    fileName: `${id}.${format.extension}`,
    mediaType: format.mediaType,
    createdAt: Date.now(),
  };
  const files = getStoredFiles();
  await files.write(imageKey(stored.fileName), bytes, { contentType: stored.mediaType });
  try {
    const database = await getDatabase();
    await database
      .insertInto("images")
      .values({
        id,
        file_name: stored.fileName,
        media_type: stored.mediaType,
        prompt: stored.prompt,
        request: stored.request ?? null,
        model: stored.model,
        size: stored.size,
        offline: stored.offline ? 1 : 0,
        trace_id: stored.traceId ?? null,
        chat_id: stored.chatId ?? null,
        created_at: stored.createdAt,
      })
      .execute();
  } catch (error) {
    await files.remove(imageKey(stored.fileName));
    throw error;
  }
  return stored;
}

/** One image's metadata, or undefined for an unknown or malformed id. */
export async function getImage(id: string): Promise<StoredImage | undefined> {
  if (!isImageId(id)) return undefined;
  const database = await getDatabase();
  const row = await database.selectFrom("images").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** An image's bytes (from DATA_DIR or STORAGE_URL), or undefined when the file has gone. */
export function readImageBytes(image: StoredImage): Promise<Uint8Array | undefined> {
  return getStoredFiles().read(imageKey(image.fileName));
}

/** The most recent images first, at most `limit` of them. */
export async function listImages(limit = 100): Promise<StoredImage[]> {
  const database = await getDatabase();
  const rows = await database
    .selectFrom("images")
    .selectAll()
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(fromRow);
}
