import { AppError, errorResponse } from "@/lib/errors";
import { listDocuments } from "@/lib/kb/documents";
import { getIndexStatus } from "@/lib/kb/index-status";
import { ingestUpload } from "@/lib/kb/ingest";
import { readUploadForm } from "@/lib/kb/upload-form";
import { guardRoute } from "@/lib/security/guard-route";
import { uploadFilesSchema } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Uploads documents (multipart/form-data, `file` fields): `201 { documents, messages }`, ingestion continues in the background. */
async function postRoute(request: Request): Promise<Response> {
  try {
    const form = await readUploadForm(request);
    const files = uploadFilesSchema.safeParse(form.getAll("file"));
    if (!files.success) throw new AppError("bad_request", files.error.issues[0].message);
    const { documents, messages } = await ingestUpload(files.data);
    return Response.json({ documents, messages }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Every document with its status and progress, and the index's state: `{ documents, index }`. */
async function getRoute(): Promise<Response> {
  try {
    const documents = await listDocuments();
    return Response.json({ documents, index: await getIndexStatus() });
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = guardRoute(postRoute);
export const GET = guardRoute(getRoute);
