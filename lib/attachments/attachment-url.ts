// A stored attachment is referred to by its content address: `/api/attachments/{sha256 hex}`.
const urlPattern = /^\/api\/attachments\/([0-9a-f]{64})$/;

/** The attachment id a message's file part refers to, or undefined for anything else. */
export function attachmentIdOf(url: string): string | undefined {
  return urlPattern.exec(url)?.[1];
}

/** Where a message's file part points for the stored attachment `id`. */
export function attachmentUrl(id: string): string {
  return `/api/attachments/${id}`;
}
