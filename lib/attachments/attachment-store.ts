import "server-only";
import { createHash } from "node:crypto";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { getDatabase } from "@/lib/db/database";
import { AppError, describeError } from "@/lib/errors";
import { processSingleton } from "@/lib/process-singleton";
import { getStoredFiles } from "@/lib/storage/stored-files";
import { type AttachmentAnalysis, analyseAttachment } from "./attachment-analysis";
import { attachmentRules, formatMegabytes } from "./attachment-rules";
import { attachmentIdOf, attachmentUrl } from "./attachment-url";
import { attachmentName, classifyAttachment } from "./classify-attachment";
import { decodeDataUrl } from "./data-url";

/** An attachment as the browser refers to it: by its content address. */
export interface StoredAttachment {
  /** The SHA-256 of its bytes, hex: the same file attached twice is stored once. */
  id: string;
  /** Where the message's file part points: `/api/attachments/{id}`. */
  url: string;
  name: string;
  mediaType: string;
  kind: "image" | "document";
  size: number;
}

function storageKey(id: string): string {
  return `attachments/${id}`;
}

/** Analyses in progress in this process, so a turn waits for the one an upload started. */
function analysesInFlight(): Map<string, Promise<AttachmentAnalysis>> {
  return processSingleton("attachment-analyses", () => new Map<string, Promise<AttachmentAnalysis>>());
}

/**
 * The checks every attachment passes before it is stored: not empty, within the size limit, and of
 * a type we can read, judged from the bytes. Throws an AppError that says what to do.
 */
export function checkAttachment(filename: string | undefined, bytes: Uint8Array) {
  const name = attachmentName(filename);
  if (bytes.byteLength === 0) throw new AppError("bad_request", `“${name}” is empty. Attach the file again.`);
  if (bytes.byteLength > attachmentRules.maxFileBytes) {
    throw new AppError(
      "payload_too_large",
      `“${name}” is ${formatMegabytes(bytes.byteLength)}, but an attachment can be at most ${formatMegabytes(attachmentRules.maxFileBytes)}. Attach a smaller file, or add it to the knowledge base instead.`,
    );
  }
  return { name, type: classifyAttachment(name, bytes) };
}

/**
 * Stores an attached file once, under its content address, after `checkAttachment`, and starts its
 * analysis in the background: the turns that use it read the analysis, never the file again.
 */
export async function storeAttachment(
  filename: string | undefined,
  bytes: Uint8Array,
): Promise<StoredAttachment> {
  const { name, type } = checkAttachment(filename, bytes);
  const id = createHash("sha256").update(bytes).digest("hex");
  const files = getStoredFiles();
  if (!(await files.exists(storageKey(id)))) {
    await files.write(storageKey(id), bytes, { contentType: type.mediaType }).catch((error: unknown) => {
      // Another request stored the same bytes meanwhile: that copy is this one.
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
    });
  }
  const database = await getDatabase();
  await database
    .insertInto("attachments")
    .values({
      id,
      media_type: type.mediaType,
      kind: type.kind,
      size: bytes.byteLength,
      analysis: null,
      created_at: Date.now(),
    })
    .onConflict((conflict) => conflict.column("id").doNothing())
    .execute();
  // Off the upload's own path: the answer does not wait for it, and a turn that needs it waits once.
  analysisOf(id, name, bytes).catch((error: unknown) =>
    console.error(`Could not analyse attachment ${id}: ${describeError(error)}`),
  );
  return {
    id,
    url: attachmentUrl(id),
    name,
    mediaType: type.mediaType,
    kind: type.kind,
    size: bytes.byteLength,
  };
}

/** The stored attachment's row, or undefined when there is none with that id. */
export async function getAttachment(id: string) {
  const database = await getDatabase();
  return database.selectFrom("attachments").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The bytes of a stored attachment, or undefined. */
export function readAttachmentBytes(id: string): Promise<Uint8Array | undefined> {
  return getStoredFiles().read(storageKey(id));
}

/**
 * The analysis of a stored attachment: read from the database when done (by any replica), awaited
 * when this process is doing it, else done now from the stored bytes and kept for every later turn.
 */
export async function analysisOf(
  id: string,
  name: string,
  knownBytes?: Uint8Array,
): Promise<AttachmentAnalysis> {
  const inFlight = analysesInFlight().get(id);
  if (inFlight !== undefined) return inFlight;
  const row = await getAttachment(id);
  if (!row)
    throw new AppError("bad_request", `The attachment “${name}” is no longer stored. Attach the file again.`);
  if (row.analysis) return JSON.parse(row.analysis) as AttachmentAnalysis;
  const running = (async () => {
    const bytes = knownBytes ?? (await readAttachmentBytes(id));
    if (!bytes)
      throw new AppError(
        "bad_request",
        `The attachment “${name}” is no longer stored. Attach the file again.`,
      );
    const analysis = await analyseAttachment(name, classifyAttachment(name, bytes), bytes);
    const database = await getDatabase();
    await database
      .updateTable("attachments")
      .set({ analysis: JSON.stringify(analysis) })
      .where("id", "=", id)
      .execute();
    return analysis;
  })();
  analysesInFlight().set(id, running);
  try {
    return await running;
  } finally {
    analysesInFlight().delete(id);
  }
}

/**
 * The user's new message as it is stored: each file it carries as a data URL is stored once (as
 * an upload would) and its part points at the stored attachment, so no later turn carries or reads
 * the bytes again. A part pointing at an attachment that is not stored is refused.
 */
export async function withStoredAttachments(message: ChatMessage): Promise<ChatMessage> {
  if (!message.parts.some((part) => part.type === "file")) return message;
  const parts: ChatMessage["parts"] = [];
  for (const part of message.parts) {
    if (part.type !== "file") {
      parts.push(part);
      continue;
    }
    const storedId = attachmentIdOf(part.url);
    if (storedId) {
      const row = await getAttachment(storedId);
      if (!row) {
        throw new AppError(
          "bad_request",
          `The attachment “${attachmentName(part.filename)}” is not stored here. Attach the file again.`,
        );
      }
      // The type is the one read from the stored bytes, never the one the request claims.
      parts.push({ ...part, mediaType: row.media_type });
      continue;
    }
    const decoded = decodeDataUrl(part.url);
    if (!decoded)
      throw new AppError("bad_request", `“${attachmentName(part.filename)}” is not valid base64 data.`);
    const stored = await storeAttachment(part.filename, decoded.bytes);
    parts.push({ ...part, url: stored.url, mediaType: stored.mediaType });
  }
  return { ...message, parts };
}
