import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { getDatabase } from "@/lib/db/database";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { detectImageFormat } from "./image-format";

/** A generated image's metadata; the bytes live in `DATA_DIR/images/<fileName>`. */
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

type ImageRow = {
  id: string;
  file_name: string;
  media_type: string;
  prompt: string;
  request: string | null;
  model: string;
  size: string;
  offline: number;
  trace_id: string | null;
  chat_id: string | null;
  created_at: number;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for the ids this store hands out (lower-case UUIDs); anything else never reaches the file system. */
export function isImageId(value: string): boolean {
  return uuidPattern.test(value);
}

function imagesDirectory(): string {
  return path.join(getEnvironment().dataDirectory, "images");
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
  await mkdir(imagesDirectory(), { recursive: true });
  const filePath = path.join(imagesDirectory(), stored.fileName);
  await writeFile(filePath, bytes, { flag: "wx" });
  try {
    getDatabase()
      .prepare(
        `INSERT INTO images (id, file_name, media_type, prompt, request, model, size, offline, trace_id, chat_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        stored.fileName,
        stored.mediaType,
        stored.prompt,
        stored.request ?? null,
        stored.model,
        stored.size,
        stored.offline ? 1 : 0,
        stored.traceId ?? null,
        stored.chatId ?? null,
        stored.createdAt,
      );
  } catch (error) {
    await rm(filePath, { force: true });
    throw error;
  }
  return stored;
}

/** One image's metadata and the path of its file, or undefined for an unknown or malformed id. */
export function getImage(id: string): (StoredImage & { filePath: string }) | undefined {
  if (!isImageId(id)) return undefined;
  const row = getDatabase().prepare("SELECT * FROM images WHERE id = ?").get(id) as ImageRow | undefined;
  if (!row) return undefined;
  return { ...fromRow(row), filePath: path.join(imagesDirectory(), path.basename(row.file_name)) };
}

/** The most recent images first, at most `limit` of them. */
export function listImages(limit = 100): StoredImage[] {
  const rows = getDatabase()
    .prepare("SELECT * FROM images ORDER BY created_at DESC LIMIT ?")
    .all(limit) as ImageRow[];
  return rows.map(fromRow);
}
