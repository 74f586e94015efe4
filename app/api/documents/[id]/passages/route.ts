import { errorResponse } from "@/lib/errors";
import { getDocumentPassages } from "@/lib/kb/document-passages";
import { guardRoute } from "@/lib/security/guard-route";
import { type DocumentRouteContext, documentIdOf } from "../../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** A document's passages in order, each with its page, heading and link: `{ document, passages }`. */
async function getRoute(_request: Request, context: DocumentRouteContext): Promise<Response> {
  try {
    return Response.json(await getDocumentPassages(await documentIdOf(context)));
  } catch (error) {
    return errorResponse(error);
  }
}

export const GET = guardRoute(getRoute);
