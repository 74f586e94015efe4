import "server-only";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import {
  type ExtractedDocument,
  normalizeText,
  titleFromFileName,
  titleFromMarkdown,
} from "./extracted-document";
import { htmlToMarkdown } from "./html-to-markdown";

const boilerplate =
  "script, style, noscript, template, iframe, object, embed, svg, canvas, form, nav, header, footer, aside";

/**
 * Extracts the main content of an HTML page as Markdown: Readability picks the article (dropping
 * navigation, scripts and styles); when it keeps too little of the page, the cleaned body is used.
 */
export function extractHtml(name: string, source: string): ExtractedDocument {
  const html = asFullDocument(source);
  const article = readArticle(html);
  const body = cleanedBody(html);
  const useArticle = article && (article.textLength >= 200 || article.textLength >= body.textLength * 0.4);
  const chosenHtml = useArticle ? article.content : body.html;
  const markdown = normalizeText(htmlToMarkdown(chosenHtml));
  const title = article?.title?.trim() || body.title || titleFromMarkdown(markdown, titleFromFileName(name));
  return {
    title,
    format: "markdown",
    sections: markdown ? [{ text: markdown, page: null }] : [],
    pages: null,
  };
}

// linkedom builds no document element for a bare fragment, and Readability needs one.
function asFullDocument(html: string): string {
  return /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
}

function readArticle(html: string): { title: string; content: string; textLength: number } | undefined {
  const { document } = parseHTML(html);
  let article: ReturnType<Readability["parse"]>;
  try {
    article = new Readability(document as unknown as Document).parse();
  } catch {
    // Readability gives up on unusual markup (framesets, no body); the cleaned body is used instead.
    return undefined;
  }
  if (!article?.content) return undefined;
  return {
    title: article.title ?? "",
    content: article.content,
    textLength: (article.textContent ?? "").trim().length,
  };
}

function cleanedBody(html: string): { title: string; html: string; textLength: number } {
  const { document } = parseHTML(html);
  for (const element of Array.from(document.querySelectorAll(boilerplate))) element.remove();
  const root = document.body ?? document.documentElement;
  return {
    title: document.title?.trim() ?? "",
    html: root?.innerHTML ?? "",
    textLength: (root?.textContent ?? "").trim().length,
  };
}
