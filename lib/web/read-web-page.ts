import "server-only";
import { STATUS_CODES } from "node:http";
import { guardedFetch } from "./guarded-fetch";
import { extractReadableDocument, focusReadable, type ReadableDocument } from "./readable";
import { webUnreachable } from "./web-errors";

/** A fetched page's whole readable text and where it ended up after redirects. */
export interface FetchedWebPage extends ReadableDocument {
  url: string;
}

/** A web page as the web agent sees it: where it ended up, its title and its Markdown content. */
export interface WebPage {
  url: string;
  title: string;
  content: string;
}

/**
 * Fetches a page through the guarded fetch and extracts its whole readable text. An error status
 * (4xx, 5xx) is an error, since its page is no answer. An address written without a scheme
 * ("example.com/page") is read as https.
 */
export async function fetchWebPage(
  url: string,
  options: { signal?: AbortSignal } = {},
): Promise<FetchedWebPage> {
  const response = await guardedFetch(withScheme(url), { signal: options.signal });
  if (response.status >= 400) {
    const host = new URL(response.url).host;
    throw webUnreachable(
      host,
      `the server answered ${response.status} ${STATUS_CODES[response.status] ?? ""}`.trim(),
    );
  }
  return { url: response.url, ...(await extractReadableDocument(response)) };
}

/** A fetched page cut down to what `task` needs: the most relevant passages of a long page. */
export function focusWebPage(page: FetchedWebPage, task?: string): WebPage {
  const { title, content } = focusReadable(page, { task });
  return { url: page.url, title, content };
}

/** `fetchWebPage` then `focusWebPage`. */
export async function readWebPage(
  url: string,
  options: { task?: string; signal?: AbortSignal } = {},
): Promise<WebPage> {
  return focusWebPage(await fetchWebPage(url, options), options.task);
}

/** "example.com/page" and "example.com:8080/x" get https; "file:…" or "javascript:…" stay as they are, to be refused. */
function withScheme(url: string): string {
  return /^[a-z][a-z\d+.-]*:(?!\d)/i.test(url) ? url : `https://${url}`;
}
