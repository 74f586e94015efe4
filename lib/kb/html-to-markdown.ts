import TurndownService from "turndown";

let turndown: TurndownService | undefined;

/** HTML to Markdown with ATX headings (so the splitter and citations see them) and no images. */
export function htmlToMarkdown(html: string): string {
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
  service.remove(["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas"]);
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
