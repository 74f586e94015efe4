import "server-only";
import { STATUS_CODES } from "node:http";
import { guardedFetch } from "./guarded-fetch";
import { extractReadable } from "./readable";
import { webUnreachable } from "./web-errors";

/** A web page as the web agent sees it: where it ended up, its title and its Markdown content. */
export interface WebPage {
  url: string;
  title: string;
  content: string;
}

/**
 * Fetches a page through the guarded fetch and extracts its readable content, focused on `task`
 * when the page is long. An error status (4xx, 5xx) is an error, since its page is no answer.
 * An address written without a scheme ("example.com/page") is read as https.
 */
export async function readWebPage(
  url: string,
  options: { task?: string; signal?: AbortSignal } = {},
): Promise<WebPage> {
  const response = await guardedFetch(withScheme(url), { signal: options.signal });
  if (response.status >= 400) {
    const host = new URL(response.url).host;
    throw webUnreachable(
      host,
      `the server answered ${response.status} ${STATUS_CODES[response.status] ?? ""}`.trim(),
    );
  }
  const { title, content } = await extractReadable(response, { task: options.task });
  return { url: response.url, title, content };
}

function withScheme(url: string): string {
  return /^[a-z][a-z\d+.-]*:\/\//i.test(url) ? url : `https://${url}`;
}
