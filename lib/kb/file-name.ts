const maxNameLength = 180;

/**
 * A display name for an uploaded file. Browsers may send any string as the name, so this keeps
 * only the last path segment, drops control characters and leading dots, and bounds the length.
 * The result is only ever shown; storage paths use the document id.
 */
export function sanitizeFileName(rawName: string): string {
  const lastSegment = rawName.split(/[/\\]/).pop() ?? "";
  const cleaned = lastSegment
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we remove
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "")
    .trim();
  if (!cleaned) return "untitled";
  if (cleaned.length <= maxNameLength) return cleaned;
  const extension = fileExtension(cleaned);
  const keep = maxNameLength - (extension ? extension.length + 1 : 0);
  return extension ? `${cleaned.slice(0, keep)}.${extension}` : cleaned.slice(0, maxNameLength);
}

/** The lower-cased extension without the dot ("" when there is none). */
export function fileExtension(name: string): string {
  const match = /\.([a-z0-9]{1,10})$/i.exec(name);
  return match ? match[1].toLowerCase() : "";
}
