import "server-only";
import type { KnowledgeDocument } from "./document-types";
import { getDocument } from "./documents";
import { passageUrl } from "./passage-url";
import { readDocumentChunks } from "./store";

/** One passage of a document as the reader shows it. */
export interface DocumentPassage {
  chunkIndex: number;
  page: number | null;
  heading: string | null;
  text: string;
  url: string;
}

/** A document and its passages in order (empty while it is not ready); 404 when there is no such document. */
export async function getDocumentPassages(
  documentId: string,
): Promise<{ document: KnowledgeDocument; passages: DocumentPassage[] }> {
  const document = await getDocument(documentId);
  if (document.status !== "ready") return { document, passages: [] };
  const chunks = await readDocumentChunks(documentId);
  return {
    document,
    passages: chunks.map((chunk) => ({
      chunkIndex: chunk.chunkIndex,
      page: chunk.page ?? null,
      heading: chunk.heading ?? null,
      text: chunk.text,
      url: passageUrl(documentId, chunk.chunkIndex),
    })),
  };
}
