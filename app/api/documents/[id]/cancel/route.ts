import { errorResponse } from "@/lib/errors";
import { cancelDocument } from "@/lib/kb/documents";
import { guardRoute } from "@/lib/security/guard-route";
import { type DocumentRouteContext, documentIdOf } from "../../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Stops a document being added: `{ document }` (now failed, “Cancelled”); 409 when it is not processing. */
async function postRoute(_request: Request, context: DocumentRouteContext): Promise<Response> {
  try {
    return Response.json({ document: await cancelDocument(await documentIdOf(context)) });
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = guardRoute(postRoute);
