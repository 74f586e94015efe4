import { describe, expect, it } from "vitest";
import { citationTargets, numberSources, type SourcePart } from "./source-references";

const almanac: SourcePart = {
  type: "source-document",
  sourceId: "document:d1",
  mediaType: "text/plain",
  title: "almanac.md",
  providerMetadata: {
    knowledgeBase: { reference: 2, url: "/knowledge/d1?passage=4#chunk-4", heading: "Bells" },
  },
};
const festival: SourcePart = {
  type: "source-url",
  sourceId: "https://fest.example/",
  url: "https://fest.example/",
  title: "Festival",
  providerMetadata: { web: { reference: 1 } },
};

describe("numberSources", () => {
  it("keeps the server's numbers, in order, with the link each opens", () => {
    expect(numberSources([almanac, festival])).toEqual([
      { number: 1, label: "Festival", href: "https://fest.example/", external: true },
      { number: 2, label: "almanac.md — Bells", href: "/knowledge/d1?passage=4#chunk-4", external: false },
    ]);
  });

  it("gives a source without a number the next free one, so it shares none", () => {
    const unnumbered: SourcePart = { type: "source-url", sourceId: "u", url: "https://other.example/" };
    expect(numberSources([unnumbered, almanac]).map(({ number, label }) => [number, label])).toEqual([
      [2, "almanac.md — Bells"],
      [3, "https://other.example/"],
    ]);
  });

  it("opens no address but http(s), and no passage link but the app's", () => {
    const script: SourcePart = { type: "source-url", sourceId: "s", url: "javascript:alert(1)", title: "x" };
    const foreign: SourcePart = {
      ...almanac,
      sourceId: "document:d 9",
      providerMetadata: { knowledgeBase: { reference: 4, url: "https://evil.example/" } },
    };
    expect(numberSources([script, foreign]).map(({ number, href }) => [number, href])).toEqual([
      [4, "/knowledge/d%209"],
      [5, undefined],
    ]);
  });
});

describe("citationTargets", () => {
  it("maps each number to the first source that can be opened, skipping attached files", () => {
    const attached: SourcePart = {
      ...almanac,
      title: "scan.pdf",
      providerMetadata: { knowledgeBase: { reference: 3, attached: true } },
    };
    const targets = citationTargets(numberSources([almanac, festival, attached]));
    expect([...targets.keys()]).toEqual([1, 2]);
    expect(targets.get(2)?.href).toBe("/knowledge/d1?passage=4#chunk-4");
  });
});
