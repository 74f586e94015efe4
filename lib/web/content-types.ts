/** The kinds of content the web tools can read. */
export type ContentKind = "html" | "text" | "json" | "pdf";

const kindsByMediaType: Record<string, ContentKind> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/plain": "text",
  "text/markdown": "text",
  "application/json": "json",
  "application/pdf": "pdf",
};

/** The media type of a Content-Type header without parameters, lower-cased ("text/html"). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/** What kind of readable content a Content-Type header names, or undefined when it is not one we read. */
export function classifyContentType(contentType: string | undefined): ContentKind | undefined {
  const mediaType = mediaTypeOf(contentType);
  if (kindsByMediaType[mediaType]) return kindsByMediaType[mediaType];
  if (/^application\/[\w.+-]+\+json$/.test(mediaType)) return "json";
  return undefined;
}

/** Decodes a body as text using the charset its Content-Type declares, falling back to UTF-8. */
export function decodeText(body: Buffer, contentType: string | undefined): string {
  const charset = /charset="?([\w:.-]+)"?/i.exec(contentType ?? "")?.[1] ?? "utf-8";
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    // An unknown charset label: UTF-8 is the best guess for the modern web.
    return new TextDecoder("utf-8").decode(body);
  }
}

/**
 * A content type for a body that came without one, the way browsers sniff: PDF by its magic
 * bytes, HTML by its opening tags, text when there are no control bytes; undefined for binary.
 */
export function sniffContentType(body: Buffer): string | undefined {
  const head = body.subarray(0, 1024).toString("latin1");
  if (head.startsWith("%PDF-")) return "application/pdf";
  if (/^\s*<(!doctype html|html|head|body|title|p|div|h1)\b/i.test(head)) return "text/html";
  const hasControlBytes = body.subarray(0, 1024).some((byte) => byte < 9 || (byte > 13 && byte < 27));
  if (hasControlBytes) return undefined;
  return "text/plain";
}
