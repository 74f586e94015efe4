import { AppError, errorResponse } from "@/lib/errors";
import { getImage, readImageBytes } from "@/lib/images/image-store";
import { guardRoute } from "@/lib/security/guard-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFoundMessage = "There is no image with this id. Generate it again from the chat.";

/** A generated image's bytes. The id must be a UUID the store handed out; the file path comes only from the database. */
async function getRoute(
  _request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  try {
    const { id } = await params;
    const image = await getImage(id);
    if (!image) throw new AppError("not_found", notFoundMessage);
    const bytes = await readImageBytes(image);
    if (!bytes) throw new AppError("not_found", notFoundMessage);
    return new Response(Buffer.from(bytes), {
      headers: {
        "Content-Type": image.mediaType,
        "Content-Length": String(bytes.byteLength),
        // Ids are never reused, so the bytes behind a URL never change.
        "Cache-Control": "public, max-age=31536000, immutable",
        // The type comes from the bytes' signature; guardRoute adds nosniff and a sandboxing policy.
        "Content-Disposition": `inline; filename="${image.fileName}"`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export const GET = guardRoute(getRoute);
