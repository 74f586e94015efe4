import { AppError } from "@/lib/errors";
import { detectImageFormat } from "@/lib/images/image-format";
import { type DetectedType, detectDocumentType } from "@/lib/kb/detect-type";
import { sanitizeFileName } from "@/lib/kb/file-name";
import { attachmentRules } from "./attachment-rules";
import type { ImageFormatName } from "./image-dimensions";

/** What an attachment really is, decided from its bytes (never from its name or claimed type). */
export type AttachmentType =
  | { kind: "image"; format: ImageFormatName; mediaType: string }
  | { kind: "document"; detected: DetectedType; mediaType: string };

const formatByMediaType: Record<string, ImageFormatName> = {
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/gif": "GIF",
  "image/webp": "WebP",
};

/** A display name for an attachment; it is only ever shown, never used as a path. */
export function attachmentName(filename: string | undefined): string {
  return sanitizeFileName(filename ?? "attachment");
}

/**
 * Decides whether an attachment is an image or a document we can read, from its bytes. Anything else
 * (programs, archives, a file whose name claims another type) is refused with an AppError that says
 * what the file is and what can be attached.
 */
export function classifyAttachment(name: string, bytes: Uint8Array): AttachmentType {
  const image = detectImageFormat(bytes);
  if (image) return { kind: "image", format: formatByMediaType[image.mediaType], mediaType: image.mediaType };
  try {
    const detected = detectDocumentType(name, bytes);
    return { kind: "document", detected, mediaType: detected.mediaType };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(
      error.code,
      `“${name}” cannot be attached: ${error.message} You can attach ${attachmentRules.acceptedDescription}`,
      { cause: error },
    );
  }
}
