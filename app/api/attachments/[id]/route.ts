import { getAttachment, readAttachmentBytes } from "@/lib/attachments/attachment-store";
import { attachmentIdOf, attachmentUrl } from "@/lib/attachments/attachment-url";
import { AppError, errorResponse } from "@/lib/errors";
import { guardRoute } from "@/lib/security/guard-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFoundMessage = "There is no attachment with this id. Attach the file again.";

/**
 * A stored attachment's bytes, as its message shows them: images inline, documents as a download.
 * The id is the SHA-256 of the bytes, so what a URL serves never changes.
 */
async function getRoute(
  _request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  try {
    const { id } = await params;
    if (!attachmentIdOf(attachmentUrl(id))) throw new AppError("not_found", notFoundMessage);
    const attachment = await getAttachment(id);
    const bytes = attachment && (await readAttachmentBytes(id));
    if (!attachment || !bytes) throw new AppError("not_found", notFoundMessage);
    return new Response(Buffer.from(bytes), {
      headers: {
        // The type comes from the bytes' signature; guardRoute adds nosniff and a sandboxing policy.
        "Content-Type": attachment.media_type,
        "Content-Length": String(bytes.byteLength),
        "Cache-Control": "private, max-age=31536000, immutable",
        "Content-Disposition": attachment.kind === "image" ? "inline" : "attachment",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export const GET = guardRoute(getRoute);
