import type { UIMessage, UIMessageStreamWriter } from "ai";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { CitationNumbering, writeSourcesFromSubAgent } from "./sub-agent-sources";

function capture(message: UIMessage, numbering = new CitationNumbering()) {
  const written: unknown[] = [];
  const writer = { write: (part: unknown) => written.push(part), merge: () => {}, onError: undefined };
  const cited = writeSourcesFromSubAgent(
    writer as unknown as UIMessageStreamWriter<ChatMessage>,
    message,
    numbering,
  );
  return { written, cited };
}

function answerOf(message: UIMessage): string {
  const answer = message.parts.findLast((part) => part.type === "text");
  return answer?.type === "text" ? answer.text : "";
}

function referencesOf(written: unknown[]): Array<[number, string]> {
  return (written as Array<{ title: string; providerMetadata: Record<string, { reference: number }> }>).map(
    (source) => [
      (source.providerMetadata.knowledgeBase ?? source.providerMetadata.web).reference,
      source.title,
    ],
  );
}

const passages = [
  {
    documentId: "d1",
    documentName: "handbook.md",
    page: null,
    chunkIndex: 0,
    heading: "Intro",
    text: "The widget is teal.",
  },
  {
    documentId: "d1",
    documentName: "handbook.md",
    page: null,
    chunkIndex: 2,
    heading: "Weight",
    text: "The widget weighs 4.2 kilograms.",
  },
  {
    documentId: "d2",
    documentName: "atlas.pdf",
    page: 3,
    chunkIndex: 9,
    heading: null,
    text: "Quillmouth lies on the coast.",
  },
];

function retrieverMessage(answer: string): UIMessage {
  return {
    id: "m1",
    role: "assistant",
    parts: [
      {
        type: "tool-search_knowledge_base",
        toolCallId: "c1",
        state: "output-available",
        input: { query: "widget" },
        output: { passages },
      },
      { type: "text", text: answer },
    ],
  } as UIMessage;
}

describe("writeSourcesFromSubAgent", () => {
  it("writes one source per numbered reference, linking to the cited passage", () => {
    const { written } = capture(
      retrieverMessage(
        "> The widget weighs 4.2 kilograms. [1]\n\n> Quillmouth lies on the coast. [2]\n\n[1] handbook.md\n\n[2] atlas.pdf, page 3",
      ),
    );
    expect(written).toEqual([
      {
        type: "source-document",
        sourceId: "document:d1",
        mediaType: "text/plain",
        title: "handbook.md",
        filename: "handbook.md",
        providerMetadata: {
          knowledgeBase: {
            reference: 1,
            documentId: "d1",
            chunkIndex: 2,
            page: null,
            heading: "Weight",
            url: "/knowledge/d1?passage=2#chunk-2",
          },
        },
      },
      expect.objectContaining({
        title: "atlas.pdf, page 3",
        providerMetadata: {
          knowledgeBase: expect.objectContaining({
            reference: 2,
            chunkIndex: 9,
            url: "/knowledge/d2?passage=9#chunk-9",
          }),
        },
      }),
    ]);
  });

  it("writes visited pages as URL sources, once each", () => {
    const page = { url: "https://example.com/a", title: "Example" };
    const message = {
      id: "m2",
      role: "assistant",
      parts: [
        { type: "tool-visit_webpage", toolCallId: "v1", state: "output-available", input: {}, output: page },
        { type: "tool-visit_webpage", toolCallId: "v2", state: "output-available", input: {}, output: page },
      ],
    } as UIMessage;
    expect(capture(message).written).toEqual([
      {
        type: "source-url",
        sourceId: page.url,
        url: page.url,
        title: "Example",
        providerMetadata: { web: { reference: 1 } },
      },
    ]);
  });
});

function webMessage(answer: string): UIMessage {
  const visit = (id: string, url: string, title: string, requested = url) => ({
    type: "tool-visit_webpage",
    toolCallId: id,
    state: "output-available",
    input: { url: requested },
    output: { url, title, content: "…" },
  });
  return {
    id: "w1",
    role: "assistant",
    parts: [
      {
        type: "tool-web_search",
        toolCallId: "s1",
        state: "output-available",
        input: { query: "festival" },
        output: { results: [{ title: "Listing", url: "https://list.example/", snippet: "…" }] },
      },
      visit("v1", "https://fest.example/2026", "Festival", "https://fest.example/"),
      visit("v2", "https://fest.example/tickets", "Tickets"),
      { type: "text", text: answer },
    ],
  } as UIMessage;
}

describe("numbering across one answer", () => {
  it("gives two retriever runs distinct numbers, in their text and their sources", () => {
    const numbering = new CitationNumbering();
    const answer =
      "> The widget weighs 4.2 kilograms. [1]\n\n> Quillmouth lies on the coast. [2]\n\n**Sources**\n\n[1] handbook.md\n\n[2] atlas.pdf, page 3";
    const first = capture(retrieverMessage(answer), numbering);
    const second = capture(retrieverMessage("> The widget is teal. [1]\n\n[1] handbook.md"), numbering);
    expect(referencesOf(first.written)).toEqual([
      [1, "handbook.md"],
      [2, "atlas.pdf, page 3"],
    ]);
    expect(answerOf(first.cited)).toBe(answer);
    expect(referencesOf(second.written)).toEqual([[3, "handbook.md"]]);
    expect(answerOf(second.cited)).toBe("> The widget is teal. [3]\n\n[3] handbook.md");
    expect(second.cited.parts[0]).toEqual(retrieverMessage("").parts[0]);
  });

  it("numbers a web agent's pages after a retriever's passages, by the addresses its answer names", () => {
    const numbering = new CitationNumbering();
    capture(retrieverMessage("> The widget weighs 4.2 kilograms. [1]\n\n[1] handbook.md"), numbering);
    const web = capture(
      webMessage(
        "Opens in April [1], listed [2].\n\n[1] Festival — https://fest.example/\n\n[2] Listing — https://list.example/",
      ),
      numbering,
    );
    // The requested address names the page it redirected to; the page read but not cited comes last.
    expect(referencesOf(web.written)).toEqual([
      [2, "Festival"],
      [3, "Listing"],
      [4, "Tickets"],
    ]);
    expect(answerOf(web.cited)).toContain("Opens in April [2], listed [3].");
    expect(web.written).toContainEqual(expect.objectContaining({ url: "https://fest.example/2026" }));
  });

  it("keeps the numbers of markers without a source out of the next agent's way", () => {
    const numbering = new CitationNumbering();
    const unresolved = capture(webMessage("Snippets say so [1] [2] [3]."), numbering);
    // No page is named: the pages read are numbered in order, the markers still take [1]–[3].
    expect(referencesOf(unresolved.written)).toEqual([
      [1, "Festival"],
      [2, "Tickets"],
    ]);
    const next = capture(retrieverMessage("> The widget is teal. [1]\n\n[1] handbook.md"), numbering);
    expect(referencesOf(next.written)).toEqual([[4, "handbook.md"]]);
  });
});
