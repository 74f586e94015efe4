import { AppError, errorResponse } from "@/lib/errors";
import { deleteDocument, getDocument } from "@/lib/kb/documents";
import { documentIdSchema } from "../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

interface DocumentRouteContext {
  params: Promise<{ id: string }>;
}

async function documentId(context: DocumentRouteContext): Promise<string> {
  const { id } = await context.params;
  if (!documentIdSchema.safeParse(id).success) {
    throw new AppError("not_found", `There is no document with id “${id}”.`);
  }
  return id;
}

/** One document: `{ document }`, 404 when there is none. */
export async function GET(_request: Request, context: DocumentRouteContext): Promise<Response> {
  try {
    return Response.json({ document: await getDocument(await documentId(context)) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Deletes a document, its chunks and its original: 204. */
export async function DELETE(_request: Request, context: DocumentRouteContext): Promise<Response> {
  try {
    await deleteDocument(await documentId(context));
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
