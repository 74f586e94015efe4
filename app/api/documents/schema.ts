import { z } from "zod";
import { AppError } from "@/lib/errors";

/** The `file` fields of `POST /api/documents`: one or more uploaded files. */
export const uploadFilesSchema = z
  .array(z.instanceof(File, { error: "Each “file” field must be a file, not text." }))
  .min(1, "Add at least one “file” field with a document to upload.");

/** A document id: the UUID the upload returned. */
export const documentIdSchema = z.uuid();

/** The route context of `/api/documents/:id/…`. */
export interface DocumentRouteContext {
  params: Promise<{ id: string }>;
}

/** The document id of the route; anything that is not a document id is a 404. */
export async function documentIdOf(context: DocumentRouteContext): Promise<string> {
  const { id } = await context.params;
  if (!documentIdSchema.safeParse(id).success) {
    throw new AppError("not_found", `There is no document with id “${id}”.`);
  }
  return id;
}
