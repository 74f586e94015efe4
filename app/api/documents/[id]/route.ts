import { errorResponse } from "@/lib/errors";
import { deleteDocument, getDocument } from "@/lib/kb/documents";
import { guardRoute } from "@/lib/security/guard-route";
import { type DocumentRouteContext, documentIdOf } from "../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** One document: `{ document }`, 404 when there is none. */
async function getRoute(_request: Request, context: DocumentRouteContext): Promise<Response> {
  try {
    return Response.json({ document: await getDocument(await documentIdOf(context)) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Deletes a document, its chunks and its original (stopping its ingestion first): 204. */
async function deleteRoute(_request: Request, context: DocumentRouteContext): Promise<Response> {
  try {
    await deleteDocument(await documentIdOf(context));
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}

export const GET = guardRoute(getRoute);
export const DELETE = guardRoute(deleteRoute);
