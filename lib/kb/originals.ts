import "server-only";
import { getStoredFiles } from "@/lib/storage/stored-files";

const idPattern = /^[a-zA-Z0-9-]+$/;

/** Where an uploaded original is kept: named by the document id, never by the uploaded file name. */
function originalKey(documentId: string): string {
  if (!idPattern.test(documentId)) throw new Error(`Invalid document id: ${documentId}`);
  return `originals/${documentId}`;
}

/** Stores the uploaded bytes of a document (in DATA_DIR or under STORAGE_URL). */
export async function writeOriginal(documentId: string, bytes: Uint8Array): Promise<void> {
  await getStoredFiles().write(originalKey(documentId), bytes);
}

/** The uploaded bytes of a document, or undefined when they are no longer stored. */
export function readOriginal(documentId: string): Promise<Uint8Array | undefined> {
  return getStoredFiles().read(originalKey(documentId));
}

/** Whether the uploaded bytes of a document are stored. */
export function hasOriginal(documentId: string): Promise<boolean> {
  return getStoredFiles().exists(originalKey(documentId));
}

/** Removes the uploaded bytes of a document, if they are there. */
export async function deleteOriginal(documentId: string): Promise<void> {
  await getStoredFiles().remove(originalKey(documentId));
}
