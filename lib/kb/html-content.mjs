// The main content of an HTML page as Markdown. Runs in the conversion worker (conversion-worker.mjs):
// parsing a large page builds a DOM of many times its size and takes seconds.
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { htmlToMarkdown } from "./html-to-markdown.mjs";

const boilerplate =
  "script, style, noscript, template, iframe, object, embed, svg, canvas, form, nav, header, footer, aside";

/**
 * Readability picks the article (dropping navigation, scripts and styles); when it keeps too little
 * of the page, the cleaned body is used. The title is the article's or the page's ("" when neither).
 * @param {string} source
 * @returns {{ title: string; markdown: string }}
 */
export function htmlPageToMarkdown(source) {
  const html = asFullDocument(source);
  const article = readArticle(html);
  // A long article is used whatever the body holds, so the page is parsed a second time only when needed.
  if (article && article.textLength >= 200) {
    return { title: article.title.trim() || article.pageTitle, markdown: htmlToMarkdown(article.content) };
  }
  const body = cleanedBody(html);
  const useArticle = article && article.textLength >= body.textLength * 0.4;
  return {
    title: article?.title.trim() || body.title,
    markdown: htmlToMarkdown(useArticle ? article.content : body.html),
  };
}

// linkedom builds no document element for a bare fragment, and Readability needs one.
/** @param {string} html */
function asFullDocument(html) {
  return /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
}

/** @param {string} html */
function readArticle(html) {
  const { document } = parseHTML(html);
  // Read before Readability, which rewrites the document it is given.
  const pageTitle = document.title?.trim() ?? "";
  let article;
  try {
    article = new Readability(document).parse();
  } catch {
    // Readability gives up on unusual markup (framesets, no body); the cleaned body is used instead.
    return undefined;
  }
  if (!article?.content) return undefined;
  return {
    title: article.title ?? "",
    pageTitle,
    content: article.content,
    textLength: (article.textContent ?? "").trim().length,
  };
}

/** @param {string} html */
function cleanedBody(html) {
  const { document } = parseHTML(html);
  for (const element of Array.from(document.querySelectorAll(boilerplate))) element.remove();
  const root = document.body ?? document.documentElement;
  return {
    title: document.title?.trim() ?? "",
    html: root?.innerHTML ?? "",
    textLength: (root?.textContent ?? "").trim().length,
  };
}
