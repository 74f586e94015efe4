import { errorResponse } from "@/lib/errors";
import { startReindex } from "@/lib/kb/reindex";
import { guardRoute } from "@/lib/security/guard-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Re-embeds every document with the configured embedding model in the background: `202 { index }`. */
async function postRoute(): Promise<Response> {
  try {
    return Response.json({ index: await startReindex() }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = guardRoute(postRoute);
