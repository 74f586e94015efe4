/** A run of extracted text; PDF pages each become one section so chunks keep their page number. */
export interface ExtractedSection {
  text: string;
  page: number | null;
}

/** The text of a document, ready to split. Markdown keeps headings as `#` lines. */
export interface ExtractedDocument {
  title: string;
  format: "markdown" | "text";
  sections: ExtractedSection[];
  pages: number | null;
}

/** Unifies line endings and trims trailing spaces so offsets and splitting behave the same everywhere. */
export function normalizeText(text: string): string {
  // The lookbehind starts a match only at the start of a run of blanks: without it, a long run
  // followed by text is rescanned from each of its positions (quadratic; 1 MB of spaces, minutes).
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/(?<![ \t])[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The title of a Markdown text: its first heading, or the fallback. */
export function titleFromMarkdown(markdown: string, fallback: string): string {
  const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(markdown);
  return heading ? heading[1].trim() : fallback;
}

/** A file name without its extension, as a last-resort title. */
export function titleFromFileName(name: string): string {
  return name.replace(/\.[a-z0-9]{1,10}$/i, "") || name;
}
