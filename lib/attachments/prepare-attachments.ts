import "server-only";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { AppError } from "@/lib/errors";
import { type AttachmentAnalysis, analyseAttachment, describeAttachment } from "./attachment-analysis";
import { analysisOf, getAttachment, readAttachmentBytes } from "./attachment-store";
import { attachmentIdOf } from "./attachment-url";
import { attachmentName, classifyAttachment } from "./classify-attachment";
import { decodeDataUrl } from "./data-url";
import { PassageIndex } from "./passage-index";
import { type RunAttachment, RunAttachments } from "./run-attachments";

/** A stored attachment as this run reads it: its kept analysis, and an image's bytes for the model. */
async function readStored(storedId: string, name: string) {
  const row = await getAttachment(storedId);
  let analysis: AttachmentAnalysis;
  try {
    analysis = await analysisOf(storedId, name);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // A file that cannot be read does not end every later turn of its conversation: the models are
    // told it could not be read, and why.
    analysis = {
      kind: "document",
      title: name,
      pages: null,
      opening: `(This file could not be read: ${error.message})`,
      chunks: [],
    };
  }
  const bytes = row?.kind === "image" ? await readAttachmentBytes(storedId) : undefined;
  return {
    analysis,
    mediaType: row?.media_type ?? "application/octet-stream",
    bytes: bytes ?? new Uint8Array(),
  };
}

/**
 * Reads the files attached to the conversation's user messages. A stored attachment (a file part
 * pointing at `/api/attachments/{id}`, as the browser sends them) is read from its kept analysis,
 * so no turn analyses a file again; a data URL (older conversations, API clients) is read here.
 * Documents are extracted and split with the knowledge base's own extractor and splitter; images
 * are measured. The passages are searchable for this run.
 */
export async function prepareAttachments(messages: ChatMessage[]): Promise<RunAttachments> {
  const attachments: RunAttachment[] = [];
  for (const message of messages) {
    if (message.role !== "user") continue;
    for (const part of message.parts) {
      if (part.type !== "file") continue;
      const id = `attachment-${attachments.length + 1}`;
      const name = attachmentName(part.filename);
      const storedId = attachmentIdOf(part.url);
      let read: Awaited<ReturnType<typeof readStored>>;
      if (storedId) {
        read = await readStored(storedId, name);
      } else {
        const decoded = decodeDataUrl(part.url);
        if (!decoded) continue;
        const type = classifyAttachment(name, decoded.bytes);
        read = {
          analysis: await analyseAttachment(name, type, decoded.bytes),
          mediaType: type.mediaType,
          bytes: decoded.bytes,
        };
      }
      attachments.push({
        id,
        name,
        messageId: message.id,
        kind: read.analysis.kind,
        mediaType: read.mediaType,
        bytes: read.bytes,
        ...describeAttachment(id, name, read.analysis),
      });
    }
  }
  return new RunAttachments(
    attachments,
    new PassageIndex(attachments.flatMap((attachment) => attachment.passages)),
  );
}
