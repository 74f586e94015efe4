import { AppError, errorResponse } from "@/lib/errors";
import { listImages } from "@/lib/images/image-store";
import { toGalleryImage } from "@/lib/images/image-view";
import { guardRoute } from "@/lib/security/guard-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The generated images, newest first: `{ images: [...] }`, at most `?limit=` (1 to 500, default 100). */
async function getRoute(request: Request): Promise<Response> {
  try {
    const limitParameter = new URL(request.url).searchParams.get("limit");
    const limit = limitParameter === null ? 100 : Number(limitParameter);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      throw new AppError("bad_request", "limit must be a whole number from 1 to 500, e.g. ?limit=20.");
    }
    return Response.json({ images: (await listImages(limit)).map(toGalleryImage) });
  } catch (error) {
    return errorResponse(error);
  }
}

export const GET = guardRoute(getRoute);
