import "server-only";
import { convertInWorker } from "./document-conversion";
import {
  type ExtractedDocument,
  normalizeText,
  titleFromFileName,
  titleFromMarkdown,
} from "./extracted-document";

/**
 * Extracts the main content of an HTML page as Markdown (html-content.mjs: Readability picks the
 * article, else the cleaned body), in a worker thread with a deadline and a memory limit: parsing a
 * large page takes seconds and many times its size in memory.
 */
export async function extractHtml(
  name: string,
  source: string,
  signal?: AbortSignal,
): Promise<ExtractedDocument> {
  const converted = await convertInWorker(name, { kind: "html", html: source }, { signal });
  const markdown = normalizeText(converted.markdown);
  return {
    title: converted.title || titleFromMarkdown(markdown, titleFromFileName(name)),
    format: "markdown",
    sections: markdown ? [{ text: markdown, page: null }] : [],
    pages: null,
  };
}
