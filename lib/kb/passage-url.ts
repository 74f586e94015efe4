/**
 * The app link that opens a document at a passage, highlighted: `/knowledge/<id>?passage=<n>#chunk-<n>`.
 * The query marks the passage when the page renders; the fragment scrolls to it. Safe on the client.
 */
export function passageUrl(documentId: string, chunkIndex: number): string {
  return `/knowledge/${encodeURIComponent(documentId)}?passage=${chunkIndex}#chunk-${chunkIndex}`;
}
