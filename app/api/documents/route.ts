import { AppError, errorResponse } from "@/lib/errors";
import { listDocuments } from "@/lib/kb/documents";
import { assertUploadRequestSize, ingestUpload } from "@/lib/kb/ingest";
import { uploadFilesSchema } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Uploads documents (multipart/form-data, `file` fields): `201 { documents, messages }`. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertUploadRequestSize(request.headers.get("content-length"));
    const form = await request.formData().catch(() => {
      throw new AppError(
        "bad_request",
        "Send the documents as multipart/form-data with one or more “file” fields.",
      );
    });
    const files = uploadFilesSchema.safeParse(form.getAll("file"));
    if (!files.success) throw new AppError("bad_request", files.error.issues[0].message);
    const { documents, messages } = await ingestUpload(files.data);
    return Response.json({ documents, messages }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Every document with its status: `{ documents }`. */
export async function GET(): Promise<Response> {
  try {
    return Response.json({ documents: await listDocuments() });
  } catch (error) {
    return errorResponse(error);
  }
}
