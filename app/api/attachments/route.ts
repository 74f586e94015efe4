import { attachmentRules } from "@/lib/attachments/attachment-rules";
import { checkAttachment, storeAttachment } from "@/lib/attachments/attachment-store";
import { AppError, errorResponse } from "@/lib/errors";
import { readUploadForm } from "@/lib/kb/upload-form";
import { guardRoute } from "@/lib/security/guard-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Stores files attached to a chat message (multipart/form-data, `file` fields), once each by
 * content address, after the same checks as every attachment; their analysis starts at once.
 * `201 { attachments }`: each `url` is what the message's file part points at.
 */
async function postRoute(request: Request): Promise<Response> {
  try {
    const form = await readUploadForm(request, {
      maxFileBytes: attachmentRules.maxFileBytes,
      maxFiles: attachmentRules.maxFilesPerMessage,
    });
    const files = form.getAll("file");
    if (files.length === 0 || files.some((file) => !(file instanceof File))) {
      throw new AppError("bad_request", "Send each attachment as a “file” field of multipart/form-data.");
    }
    if (files.length > attachmentRules.maxFilesPerMessage) {
      throw new AppError(
        "bad_request",
        `A message can carry at most ${attachmentRules.maxFilesPerMessage} attachments; send the others with another message.`,
      );
    }
    // Every file is checked before any is stored: a refused one leaves nothing behind.
    const read = await Promise.all(
      (files as File[]).map(async (file) => ({
        name: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      })),
    );
    for (const file of read) checkAttachment(file.name, file.bytes);
    const attachments = [];
    for (const file of read) attachments.push(await storeAttachment(file.name, file.bytes));
    return Response.json({ attachments }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = guardRoute(postRoute);
