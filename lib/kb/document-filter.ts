import "server-only";
import { selectDocuments } from "./document-rows";

/**
 * Resolves the documents a search should be limited to, given as ids or file names (exact, or
 * case-insensitive), to ids of ready documents. Names that match nothing are listed in a notice
 * that also names the documents there are, so the caller can search again.
 */
export async function findDocumentIds(
  references: string[],
): Promise<{ documentIds: string[]; notice?: string }> {
  const documents = (await selectDocuments()).filter((document) => document.status === "ready");
  const documentIds = new Set<string>();
  const unknown: string[] = [];
  for (const reference of references) {
    const wanted = reference.trim().toLowerCase();
    const match = documents.find(
      (document) => document.id === reference.trim() || document.name.toLowerCase() === wanted,
    );
    if (match) documentIds.add(match.id);
    else unknown.push(reference);
  }
  if (unknown.length === 0) return { documentIds: [...documentIds] };
  const available =
    documents
      .slice(0, 20)
      .map((document) => `“${document.name}”`)
      .join(", ") || "none";
  return {
    documentIds: [...documentIds],
    notice: `No ready document is called ${unknown.map((name) => `“${name}”`).join(", ")}. Documents: ${available}.`,
  };
}
