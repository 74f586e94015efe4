import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { MessageView } from "./message-view";

describe("MessageView", () => {
  it("links the answer's [n] to the message's sources, and lists them once under it", () => {
    const message: ChatMessage = {
      id: "a1",
      role: "assistant",
      parts: [
        { type: "step-start" },
        {
          type: "source-document",
          sourceId: "document:d1",
          mediaType: "text/plain",
          title: "bells.md",
          providerMetadata: { knowledgeBase: { reference: 1, url: "/knowledge/d1?passage=2#chunk-2" } },
        },
        { type: "step-start" },
        { type: "text", text: "The bell was cast in 1702 [1]; the light is new [2].", state: "done" },
      ],
    };
    const html = renderToStaticMarkup(<MessageView message={message} />);
    expect(html).toContain(
      'href="/knowledge/d1?passage=2#chunk-2" class="text-sky-700 underline" aria-label="Source 1: bells.md" data-citation="1">[1]</a>',
    );
    expect(html).toContain("the light is new [2].");
    expect(html.match(/aria-label="Sources"/g)).toHaveLength(1);
  });
});
