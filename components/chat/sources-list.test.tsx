import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { numberSources, type SourcePart } from "@/lib/chat/source-references";
import { SourcesList } from "./sources-list";

function renderList(sources: SourcePart[]) {
  return renderToStaticMarkup(<SourcesList references={numberSources(sources)} />);
}

describe("SourcesList", () => {
  it("numbers document sources as the answer cites them and links each to its passage", () => {
    const html = renderList([
      {
        type: "source-document",
        sourceId: "document:d1",
        mediaType: "text/plain",
        title: "atlas.pdf, page 3",
        providerMetadata: {
          knowledgeBase: { reference: 2, url: "/knowledge/d1?passage=9#chunk-9", heading: "Coasts" },
        },
      },
      {
        type: "source-url",
        sourceId: "https://example.com",
        url: "https://example.com",
        title: "Example",
      },
    ]);
    expect(html).toContain('aria-label="Sources"');
    expect(html).toContain("[2]");
    expect(html).toContain('href="/knowledge/d1?passage=9#chunk-9"');
    expect(html).toContain("atlas.pdf, page 3 — Coasts");
    expect(html).toContain('href="https://example.com" target="_blank"');
  });

  it("links an older document source without a passage to the document, and ignores foreign links", () => {
    const html = renderList([
      {
        type: "source-document",
        sourceId: "document:d7",
        mediaType: "text/plain",
        title: "old.md",
        providerMetadata: { knowledgeBase: { url: "https://evil.example/" } },
      },
    ]);
    expect(html).toContain('href="/knowledge/d7"');
    expect(html).not.toContain("evil.example");
  });

  it("shows a file attached to the conversation without a link", () => {
    const html = renderList([
      {
        type: "source-document",
        sourceId: "document:a1",
        mediaType: "text/plain",
        title: "scan.pdf, page 1",
        providerMetadata: { knowledgeBase: { reference: 1, attached: true } },
      },
    ]);
    expect(html).toContain("scan.pdf, page 1 (attached)");
    expect(html).not.toContain("href=");
  });
});
