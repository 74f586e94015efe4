import "server-only";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import TurndownService from "turndown";

/** A page's main content as Markdown, with its title. */
export interface MarkdownPage {
  title: string;
  markdown: string;
}

// Never content: removed before Readability looks, since it keeps menus on short pages.
const furnitureSelector =
  "script, style, noscript, template, iframe, svg, nav, footer, aside, [role=navigation], [role=contentinfo]";

function createTurndown(): TurndownService {
  const turndown = new TurndownService({
    headingStyle: "atx",
    codeBlockStyle: "fenced",
    bulletListMarker: "-",
  });
  turndown.remove(["script", "style", "noscript", "template", "iframe"]);
  // An image becomes its alt text: its URL is no use to the model, and a model that echoes a
  // page's image URL into its answer would hand that page a way to exfiltrate data.
  turndown.addRule("imageAltText", {
    filter: "img",
    replacement: (_content, node) => {
      const alt = (node as HTMLElement).getAttribute?.("alt")?.trim();
      return alt ? ` ${alt} ` : "";
    },
  });
  return turndown;
}

/** Links point somewhere useful only when absolute; unsafe schemes (javascript:, data:) are dropped. */
function absolutizeLinks(document: Document, pageUrl: string): void {
  for (const element of document.querySelectorAll("a[href]")) {
    const value = element.getAttribute("href") ?? "";
    const absolute = URL.canParse(value, pageUrl) ? new URL(value, pageUrl) : undefined;
    if (absolute && (absolute.protocol === "http:" || absolute.protocol === "https:")) {
      element.setAttribute("href", absolute.href);
    } else {
      element.removeAttribute("href");
    }
  }
}

function fallbackContent(document: Document): string {
  for (const element of document.querySelectorAll("header, [role=banner]")) element.remove();
  const main = document.querySelector("main, article, [role=main]") ?? document.body;
  return main?.innerHTML ?? "";
}

function tidyMarkdown(markdown: string): string {
  return markdown
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Extracts the main content of an HTML page and converts it to Markdown with absolute links and
 * images as their alt text: scripts, styles, navigation, footers and asides are removed, then
 * Mozilla Readability picks the article from a linkedom document; when it finds none, the `main`
 * element or the body is used.
 */
export function htmlToMarkdown(html: string, pageUrl: string): MarkdownPage {
  const document = parsePage(html, pageUrl);
  const documentTitle = document.querySelector("title")?.textContent?.trim() ?? "";
  // Readability mutates the document, so the fallback gets a fresh parse.
  const article = new Readability(document).parse();
  const contentHtml = article?.content?.trim() ? article.content : fallbackContent(parsePage(html, pageUrl));
  const title = article?.title?.trim() || documentTitle;
  return { title, markdown: tidyMarkdown(createTurndown().turndown(contentHtml)) };
}

function parsePage(html: string, pageUrl: string): Document {
  // linkedom implements the DOM that Readability needs; its types are its own, hence the cast.
  const document = parseHTML(html).document as unknown as Document;
  for (const element of document.querySelectorAll(furnitureSelector)) element.remove();
  absolutizeLinks(document, pageUrl);
  return document;
}
