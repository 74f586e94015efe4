import "server-only";
import { AppError } from "@/lib/errors";
import { extractPdf } from "@/lib/kb/extract-pdf";
import { type ContentKind, classifyContentType, decodeText } from "./content-types";
import { htmlToMarkdown } from "./html-to-markdown";
import { defaultMaxCharacters, selectRelevantPassages } from "./relevant-passages";
import { webRefused } from "./web-errors";

/** The readable part of a fetched page. */
export interface ReadableContent {
  title: string;
  content: string;
}

/** The whole readable text of a page, before it is focused on a task. */
export interface ReadableDocument {
  kind: ContentKind;
  title: string;
  text: string;
}

/** What `extractReadable` needs from a fetch: the `GuardedResponse` fields. */
export interface FetchedPage {
  url: string;
  contentType: string;
  body: Buffer;
}

// A title is shown in the UI and given to the model outside the untrusted-data wrapper: keep it short.
const maxTitleCharacters = 200;

function fileNameOf(url: string): string {
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

/** PDFs are read by the same extractor as uploads; its messages are reworded for a web address. */
async function readPdf(page: FetchedPage): Promise<{ title: string; text: string }> {
  try {
    const pdf = await extractPdf(fileNameOf(page.url), page.body);
    return { title: pdf.title, text: pdf.sections.map((section) => section.text).join("\n\n") };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError("web_refused", `refused: ${page.url} is a PDF that cannot be read: ${error.message}`, {
      cause: error,
    });
  }
}

async function extractText(kind: ContentKind, page: FetchedPage): Promise<{ title: string; text: string }> {
  switch (kind) {
    case "html": {
      const { title, markdown } = htmlToMarkdown(decodeText(page.body, page.contentType), page.url);
      return { title, text: markdown };
    }
    case "pdf":
      return readPdf(page);
    case "json":
      return { title: "", text: prettyJson(decodeText(page.body, page.contentType)) };
    case "text":
      return { title: "", text: decodeText(page.body, page.contentType) };
  }
}

/**
 * The whole readable text of a fetched page: HTML through Readability and turndown (Markdown with
 * absolute links, images reduced to their alt text), PDF through the upload extractor (pdf.js),
 * plain text as is, JSON pretty-printed. The title falls back to the URL's file name.
 */
export async function extractReadableDocument(page: FetchedPage): Promise<ReadableDocument> {
  const kind = classifyContentType(page.contentType);
  if (!kind) {
    throw webRefused(
      `${page.url} is ${page.contentType || "of no declared type"}; only HTML, plain text, JSON and PDF can be read`,
    );
  }
  const { title, text } = await extractText(kind, page);
  const shownTitle = (title.trim() || fileNameOf(page.url)).replace(/\s+/g, " ");
  return { kind, title: shownTitle.slice(0, maxTitleCharacters), text };
}

/**
 * Cuts a document down for the model: long text to the passages most relevant to `task` (about
 * `maxCharacters`, default 9000), JSON at the cap since its structure does not split into passages.
 */
export function focusReadable(
  document: ReadableDocument,
  options: { task?: string; maxCharacters?: number } = {},
): ReadableContent {
  const maxCharacters = options.maxCharacters ?? defaultMaxCharacters;
  const content =
    document.kind === "json"
      ? capCharacters(document.text, maxCharacters)
      : selectRelevantPassages(document.text, options.task, maxCharacters);
  return { title: document.title, content };
}

/** `extractReadableDocument` then `focusReadable`: a fetched page as the model should see it. */
export async function extractReadable(
  page: FetchedPage,
  options: { task?: string; maxCharacters?: number } = {},
): Promise<ReadableContent> {
  return focusReadable(await extractReadableDocument(page), options);
}
