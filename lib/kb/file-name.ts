import { AppError } from "@/lib/errors";

const maxNameLength = 180;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we look for
const controlCharacters = /[\u0000-\u001f\u007f]/;

/**
 * Refuses an uploaded file name that tries to be a path: browsers send the bare name, so a name with
 * `/`, `\`, a `..` segment or control characters comes from a hand-made request. Names are never
 * used as paths (originals are stored under the document id); this refusal says so plainly.
 */
export function assertSafeFileName(rawName: string): void {
  const problem =
    /[/\\]/.test(rawName) || rawName.trim() === ".." || rawName.trim() === "."
      ? "contains a folder path (“/”, “\\” or “..”)"
      : controlCharacters.test(rawName)
        ? "contains control characters"
        : undefined;
  if (!problem) return;
  // Shown as typed (control characters as "?"), in quotes rather than JSON, which doubles backslashes.
  const shown = rawName.slice(0, 100).replace(new RegExp(controlCharacters, "g"), "?");
  throw new AppError(
    "bad_request",
    `The file name “${shown}” ${problem}. Upload the file under a plain name such as “report.pdf”.`,
  );
}

/**
 * A display name for an uploaded file: whitespace collapsed, leading dots dropped, length bounded
 * (the extension kept). The result is only ever shown; storage paths use the document id.
 */
export function sanitizeFileName(rawName: string): string {
  const lastSegment = rawName.split(/[/\\]/).pop() ?? "";
  const cleaned = lastSegment
    .replace(new RegExp(controlCharacters.source, "g"), "")
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
