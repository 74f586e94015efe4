import { errorResponse } from "@/lib/errors";
import { retryDocument } from "@/lib/kb/documents";
import { guardRoute } from "@/lib/security/guard-route";
import { type DocumentRouteContext, documentIdOf } from "../../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Adds a failed document again from its stored original: `202 { document }`; 409 when it has not failed. */
async function postRoute(_request: Request, context: DocumentRouteContext): Promise<Response> {
  try {
    return Response.json({ document: await retryDocument(await documentIdOf(context)) }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = guardRoute(postRoute);
