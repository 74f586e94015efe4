import "server-only";
import { classifyContentType, decodeText } from "./content-types";
import { htmlToMarkdown } from "./html-to-markdown";
import { extractPdfText } from "./pdf-text";
import { defaultMaxCharacters, selectRelevantPassages } from "./relevant-passages";
import { webRefused } from "./web-errors";

/** The readable part of a fetched page. */
export interface ReadableContent {
  title: string;
  content: string;
}

/** What `extractReadable` needs from a fetch: the `GuardedResponse` fields. */
export interface FetchedPage {
  url: string;
  contentType: string;
  body: Buffer;
}

function titleFromUrl(url: string): string {
  const parsed = new URL(url);
  const lastSegment = decodeURIComponent(parsed.pathname.split("/").filter(Boolean).at(-1) ?? "");
  return lastSegment || parsed.hostname;
}

function capCharacters(text: string, maxCharacters: number): string {
  if (text.length <= maxCharacters) return text;
  return `${text.slice(0, maxCharacters)}\n… (${text.length - maxCharacters} more characters not shown)`;
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Served as JSON but not valid JSON: still worth reading as it is.
    return text;
  }
}

/**
 * Turns a fetched page into Markdown the model can read: HTML through Readability and turndown,
 * PDF through pdf.js, plain text as is, JSON pretty-printed. Long text is cut down to the passages
 * most relevant to `task` (about `maxCharacters`, default 9000); JSON is cut at the cap.
 */
export async function extractReadable(
  page: FetchedPage,
  options: { task?: string; maxCharacters?: number } = {},
): Promise<ReadableContent> {
  const maxCharacters = options.maxCharacters ?? defaultMaxCharacters;
  const fallbackTitle = titleFromUrl(page.url);
  switch (classifyContentType(page.contentType)) {
    case "html": {
      const { title, markdown } = htmlToMarkdown(decodeText(page.body, page.contentType), page.url);
      return {
        title: title || fallbackTitle,
        content: selectRelevantPassages(markdown, options.task, maxCharacters),
      };
    }
    case "pdf": {
      const { title, text } = await extractPdfText(page.body, page.url);
      return {
        title: title || fallbackTitle,
        content: selectRelevantPassages(text, options.task, maxCharacters),
      };
    }
    case "json":
      return {
        title: fallbackTitle,
        content: capCharacters(prettyJson(decodeText(page.body, page.contentType)), maxCharacters),
      };
    case "text": {
      const text = decodeText(page.body, page.contentType);
      return { title: fallbackTitle, content: selectRelevantPassages(text, options.task, maxCharacters) };
    }
    default:
      throw webRefused(
        `${page.url} is ${page.contentType || "of no declared type"}; only HTML, plain text, JSON and PDF can be read`,
      );
  }
}
