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

let turndown: TurndownService | undefined;

/** HTML to Markdown with ATX headings (so the splitter and citations see them) and no images. */
export function htmlToMarkdown(html: string): string {
  // Turndown cannot parse an empty string; there is nothing to convert anyway.
  if (!html.trim()) return "";
  turndown ??= createTurndown();
  return turndown.turndown(html);
}

function createTurndown(): TurndownService {
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
      const alt = (node as HTMLElement).getAttribute?.("alt")?.trim();
      return alt ? ` ${alt} ` : "";
    },
  });
  return service;
}
