import { AppError } from "@/lib/errors";
import { attachmentRules, formatMegabytes } from "./attachment-rules";
import { attachmentIdOf } from "./attachment-url";
import { attachmentName, classifyAttachment } from "./classify-attachment";
import { dataUrlByteLength, decodeDataUrl } from "./data-url";

interface MessageLike {
  parts: Array<{ type: string; url?: unknown; filename?: unknown }>;
}

function checkFile(part: MessageLike["parts"][number]): { bytes: number } {
  const name = attachmentName(typeof part.filename === "string" ? part.filename : undefined);
  const url = typeof part.url === "string" ? part.url : "";
  // A stored attachment was checked when it was uploaded; the run reads it from storage.
  if (attachmentIdOf(url)) return { bytes: 0 };
  const size = dataUrlByteLength(url);
  if (size === undefined) {
    throw new Error(
      `“${name}” must be uploaded to /api/attachments (or sent as a base64 data: URL); attachment links are never downloaded`,
    );
  }
  if (size > attachmentRules.maxFileBytes) {
    throw new Error(
      `“${name}” is ${formatMegabytes(size)}, but an attachment can be at most ${formatMegabytes(attachmentRules.maxFileBytes)}. Attach a smaller file, or add it to the knowledge base instead`,
    );
  }
  const decoded = decodeDataUrl(url);
  if (!decoded) throw new Error(`“${name}” is not valid base64 data. Attach the file again`);
  try {
    classifyAttachment(name, decoded.bytes);
  } catch (error) {
    if (error instanceof AppError) throw new Error(error.message.replace(/\.$/, ""));
    throw error;
  }
  return { bytes: size };
}

function checkConversation(count: number, bytes: number): void {
  if (count > attachmentRules.maxFilesPerConversation || bytes > attachmentRules.maxConversationBytes) {
    throw new Error(
      `this conversation carries ${count} attachments (${formatMegabytes(bytes)}); the limit is ${attachmentRules.maxFilesPerConversation} files and ${formatMegabytes(attachmentRules.maxConversationBytes)}. Start a new chat to attach more`,
    );
  }
}

/**
 * Checks every file part of a chat request before anything runs: stored attachments
 * (`/api/attachments/{id}`) or base64 data URLs, never links to fetch,
 * within the size and count limits, and of a type we can read, judged from the bytes. Returns what
 * is wrong and what to do (one sentence, no final full stop), or undefined when all is well.
 */
export function findAttachmentProblem(messages: MessageLike[]): string | undefined {
  let count = 0;
  let bytes = 0;
  try {
    for (const message of messages) {
      const files = message.parts.filter((part) => part.type === "file");
      if (files.length > attachmentRules.maxFilesPerMessage) {
        throw new Error(
          `a message can carry at most ${attachmentRules.maxFilesPerMessage} attachments, and one has ${files.length}. Send them over several messages`,
        );
      }
      for (const file of files) bytes += checkFile(file).bytes;
      count += files.length;
      checkConversation(count, bytes);
    }
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}
