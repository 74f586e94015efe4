/**
 * What may be attached to a chat message. Shared by the composer (to refuse early) and the server
 * (which decides, from the bytes). Files are uploaded once and referred to by URL; the conversation
 * limits bound what an API client may still send inline, as data URLs, in one request.
 */
export const attachmentRules = {
  maxFileBytes: 5 * 1024 * 1024,
  maxFilesPerMessage: 4,
  maxFilesPerConversation: 12,
  maxConversationBytes: 24 * 1024 * 1024,
  /** For the file picker; the server checks the bytes, not these names. */
  accept: "image/png,image/jpeg,image/gif,image/webp,.pdf,.docx,.html,.htm,.md,.markdown,.txt,.text",
  acceptedDescription: "images (PNG, JPEG, GIF, WebP) and documents (PDF, Word .docx, HTML, Markdown, text)",
} as const;

/** "2.5 MB" for a byte count. */
export function formatMegabytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}
