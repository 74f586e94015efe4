import { z } from "zod";

/** The `file` fields of `POST /api/documents`: one or more uploaded files. */
export const uploadFilesSchema = z
  .array(z.instanceof(File, { error: "Each “file” field must be a file, not text." }))
  .min(1, "Add at least one “file” field with a document to upload.");

/** A document id: the UUID the upload returned. */
export const documentIdSchema = z.uuid();
