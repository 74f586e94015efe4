import "server-only";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { getEnvironment } from "@/lib/env";

const idPattern = /^[a-zA-Z0-9-]+$/;

/** Where an uploaded original is kept: named by the document id, never by the uploaded file name. */
export function originalPath(documentId: string): string {
  if (!idPattern.test(documentId)) throw new Error(`Invalid document id: ${documentId}`);
  return path.join(getEnvironment().dataDirectory, "originals", documentId);
}

/** Stores the uploaded bytes of a document. */
export async function writeOriginal(documentId: string, bytes: Uint8Array): Promise<void> {
  const target = originalPath(documentId);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, bytes, { flag: "wx" });
}

/** Removes the uploaded bytes of a document, if they are there. */
export async function deleteOriginal(documentId: string): Promise<void> {
  await rm(originalPath(documentId), { force: true });
}
