import { describe, expect, it } from "vitest";
import type { ExtractedDocument } from "./extracted-document";
import { findHeadings, splitDocument } from "./split";

const filler = (topic: string, sentences: number) =>
  Array.from(
    { length: sentences },
    (_, index) => `Sentence ${index + 1} about ${topic} adds some length.`,
  ).join(" ");

describe("splitDocument", () => {
  it("splits Markdown into bounded, overlapping chunks that know their heading and offset", async () => {
    const text = [
      "# Harbour Guide",
      filler("the harbour", 30),
      "## Tides",
      `${filler("tides", 20)} The spring tide reaches 4.2 metres at the north pier.`,
      "## Moorings",
      filler("moorings", 30),
    ].join("\n\n");
    const document: ExtractedDocument = {
      title: "Harbour Guide",
      format: "markdown",
      pages: null,
      sections: [{ text, page: null }],
    };
    const chunks = await splitDocument(document);
    expect(chunks.length).toBeGreaterThan(3);
    chunks.forEach((chunk, index) => {
      expect(chunk.index).toBe(index);
      expect(chunk.text.length).toBeLessThanOrEqual(1000);
      expect(text.slice(chunk.offset, chunk.offset + chunk.text.length)).toBe(chunk.text);
    });
    const tideChunk = chunks.find((chunk) => chunk.text.includes("4.2 metres"));
    expect(tideChunk?.heading).toBe("Tides");
    expect(chunks[0].heading).toBe("Harbour Guide");
    expect(chunks.at(-1)?.heading).toBe("Moorings");
    // Consecutive chunks of one long paragraph share some text (the overlap).
    const harbour = chunks.filter((chunk) => chunk.heading === "Harbour Guide");
    expect(harbour.length).toBeGreaterThan(1);
    expect(harbour[1].offset).toBeLessThan(harbour[0].offset + harbour[0].text.length);
  });

  it("keeps each chunk's PDF page, with offsets across pages", async () => {
    const pages = [filler("page one", 40), filler("page two", 40)];
    const document: ExtractedDocument = {
      title: "Report",
      format: "text",
      pages: 2,
      sections: pages.map((text, index) => ({ text, page: index + 1 })),
    };
    const chunks = await splitDocument(document);
    const full = pages.join("\n\n");
    expect(new Set(chunks.map((chunk) => chunk.page))).toEqual(new Set([1, 2]));
    for (const chunk of chunks) {
      expect(chunk.text).toContain(chunk.page === 1 ? "page one" : "page two");
      expect(full.slice(chunk.offset, chunk.offset + chunk.text.length)).toBe(chunk.text);
      expect(chunk.heading).toBeNull();
    }
  });

  it("ignores heading-like lines inside fenced code", () => {
    const headings = findHeadings("# Real\n\n```sh\n# not a heading\n```\n\n## Also real\n");
    expect(headings.map((heading) => heading.text)).toEqual(["Real", "Also real"]);
  });
});
