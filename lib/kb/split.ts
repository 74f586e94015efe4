import "server-only";
import { MarkdownTextSplitter, RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { ExtractedDocument, ExtractedSection } from "./extracted-document";

/** A piece of a document small enough to embed, with where it came from. */
export interface DocumentChunk {
  /** Position of the chunk in the document, from 0. */
  index: number;
  text: string;
  /** PDF page number (from 1); null for formats without pages. */
  page: number | null;
  /** The nearest Markdown heading at or before the chunk (or the first inside it). */
  heading: string | null;
  /** Character offset of the chunk in the document's extracted text (sections joined by a blank line). */
  offset: number;
}

export interface SplitOptions {
  chunkSize?: number;
  chunkOverlap?: number;
}

interface Heading {
  offset: number;
  text: string;
}

/** Splits a document section by section, as its sections arrive; see `createChunker`. */
export interface Chunker {
  /** The chunks of the next section. */
  add(section: ExtractedSection): Promise<DocumentChunk[]>;
  /** Chunks held back until the end (a document made only of headings keeps them). */
  finish(): DocumentChunk[];
}

const sectionSeparator = "\n\n";

/**
 * Splits extracted text into overlapping chunks with LangChain's splitters (Markdown-aware for
 * Markdown, HTML and DOCX), section by section so each chunk keeps its PDF page and a long PDF can
 * be split while its later pages are still being read.
 */
export function createChunker(format: ExtractedDocument["format"], options: SplitOptions = {}): Chunker {
  const parameters = { chunkSize: options.chunkSize ?? 1000, chunkOverlap: options.chunkOverlap ?? 150 };
  const markdown = format === "markdown";
  const splitter = markdown
    ? new MarkdownTextSplitter(parameters)
    : new RecursiveCharacterTextSplitter(parameters);
  let sectionStart = 0;
  let headings: Heading[] = [];
  let emitted = 0;
  const loneHeadings: DocumentChunk[] = [];
  return {
    async add(section) {
      if (markdown) headings = [...headings, ...findHeadings(section.text, sectionStart)];
      const chunks: DocumentChunk[] = [];
      let searchFrom = 0;
      for (const text of await splitter.splitText(section.text)) {
        const found = locate(section.text, text, searchFrom);
        searchFrom = found + 1;
        const offset = sectionStart + found;
        const chunk = {
          index: 0,
          text,
          page: section.page,
          heading: nearestHeading(headings, offset, text.length),
          offset,
        };
        // A heading split off on its own says nothing by itself; it travels as the next chunks' heading.
        if (markdown && isOnlyHeadings(text)) loneHeadings.push(chunk);
        else chunks.push({ ...chunk, index: emitted++ });
      }
      sectionStart += section.text.length + sectionSeparator.length;
      return chunks;
    },
    finish() {
      if (emitted > 0) return [];
      return loneHeadings.map((chunk, index) => ({ ...chunk, index }));
    },
  };
}

/** Splits a whole extracted document (see `createChunker`). */
export async function splitDocument(
  document: ExtractedDocument,
  options: SplitOptions = {},
): Promise<DocumentChunk[]> {
  const chunker = createChunker(document.format, options);
  const chunks: DocumentChunk[] = [];
  for (const section of document.sections) chunks.push(...(await chunker.add(section)));
  return [...chunks, ...chunker.finish()];
}

// Splitters return substrings of the input; searching forward from the previous chunk finds each one
// even when overlapping chunks repeat text. A chunk that is not found keeps the previous position.
function locate(text: string, chunk: string, searchFrom: number): number {
  const exact = text.indexOf(chunk, searchFrom);
  if (exact >= 0) return exact;
  const prefix = text.indexOf(chunk.slice(0, 40), searchFrom);
  return prefix >= 0 ? prefix : Math.max(0, searchFrom - 1);
}

/** ATX headings (`# Title`) outside fenced code blocks, with their offsets. */
export function findHeadings(text: string, baseOffset = 0): Heading[] {
  const headings: Heading[] = [];
  let inFence = false;
  let lineStart = 0;
  for (const line of text.split("\n")) {
    if (/^\s{0,3}(```|~~~)/.test(line)) inFence = !inFence;
    const match = inFence ? null : /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (match) headings.push({ offset: baseOffset + lineStart, text: match[1].replace(/[*_`]/g, "").trim() });
    lineStart += line.length + 1;
  }
  return headings;
}

function isOnlyHeadings(text: string): boolean {
  return text.split("\n").every((line) => !line.trim() || /^\s{0,3}#{1,6}\s+\S/.test(line));
}

function nearestHeading(headings: Heading[], offset: number, length: number): string | null {
  let nearest: Heading | undefined;
  for (const heading of headings) {
    if (heading.offset <= offset) nearest = heading;
    else if (!nearest && heading.offset < offset + length) return heading.text;
    else break;
  }
  return nearest?.text ?? null;
}
