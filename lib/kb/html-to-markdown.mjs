// The knowledge base's HTML → Markdown rules, in one place. Plain ESM so that the conversion worker
// (conversion-worker.mjs) runs it as-is; TypeScript imports it through html-to-markdown.d.mts.
import TurndownService from "turndown";

const removedTags = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "canvas",
]);

/** @type {TurndownService | undefined} */
let turndown;

/**
 * HTML to Markdown with ATX headings (so the splitter and citations see them) and no images.
 * @param {string} html
 * @returns {string}
 */
export function htmlToMarkdown(html) {
  // Turndown cannot parse an empty string; there is nothing to convert anyway.
  if (!html.trim()) return "";
  turndown ??= createTurndown();
  return turndown.turndown(html);
}

function createTurndown() {
  const service = new TurndownService({
    headingStyle: "atx",
    codeBlockStyle: "fenced",
    bulletListMarker: "-",
    emDelimiter: "*",
  });
  service.remove((node) => removedTags.has(node.nodeName.toLowerCase()));
  // Images carry no searchable text, and inline data URIs (DOCX images) would flood the chunks.
  service.addRule("imageAltText", {
    filter: "img",
    replacement: (_content, node) => {
      const alt = node.getAttribute?.("alt")?.trim();
      return alt ? ` ${alt} ` : "";
    },
  });
  return service;
}
