import type { UIMessage, UIMessageStreamWriter } from "ai";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { writeSourcesFromSubAgent } from "./sub-agent-sources";

function capture(message: UIMessage) {
  const written: unknown[] = [];
  const writer = { write: (part: unknown) => written.push(part), merge: () => {}, onError: undefined };
  writeSourcesFromSubAgent(writer as unknown as UIMessageStreamWriter<ChatMessage>, message);
  return written;
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
    const written = capture(
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
    expect(capture(message)).toEqual([
      { type: "source-url", sourceId: page.url, url: page.url, title: "Example" },
    ]);
  });
});
