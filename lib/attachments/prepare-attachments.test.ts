import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { encodePng } from "@/lib/images/png-encoder";
import { convertWithAttachments } from "./attachment-messages";
import { prepareAttachments } from "./prepare-attachments";

function dataUrl(mediaType: string, bytes: Uint8Array | string): string {
  return `data:${mediaType};base64,${Buffer.from(bytes).toString("base64")}`;
}

const launchNotes = [
  "# Project Heron",
  "",
  "## Schedule",
  "",
  "The Heron launch is planned for 14 March 2027 in Rotterdam.",
  "",
  "## Budget",
  "",
  "The budget is 2.4 million euros, mostly for sensors.",
].join("\n");

const greenSquare = encodePng(
  4,
  4,
  new Uint8Array(48).fill(0).map((_, index) => (index % 3 === 1 ? 200 : 30)),
);

const messages: ChatMessage[] = [
  {
    id: "m1",
    role: "user",
    parts: [
      {
        type: "file",
        mediaType: "text/markdown",
        filename: "heron.md",
        url: dataUrl("text/markdown", launchNotes),
      },
      {
        type: "file",
        mediaType: "image/png",
        filename: "swatch.png",
        url: dataUrl("image/png", greenSquare),
      },
      { type: "text", text: "When is the launch?" },
    ],
  },
  { id: "m2", role: "assistant", parts: [{ type: "text", text: "On 14 March 2027." }] },
  { id: "m3", role: "user", parts: [{ type: "text", text: "And the budget?" }] },
];

describe("prepareAttachments", () => {
  it("extracts documents and describes images, and finds their passages by words", async () => {
    const attachments = await prepareAttachments(messages);
    expect(
      attachments.all.map(({ id, name, kind, mediaType, messageId }) => ({
        id,
        name,
        kind,
        mediaType,
        messageId,
      })),
    ).toEqual([
      { id: "attachment-1", name: "heron.md", kind: "document", mediaType: "text/markdown", messageId: "m1" },
      { id: "attachment-2", name: "swatch.png", kind: "image", mediaType: "image/png", messageId: "m1" },
    ]);
    expect(attachments.all[0].summary).toContain("The attached document “heron.md” (title “Project Heron”");
    expect(attachments.all[1].summary).toContain("4 × 4 pixels");
    expect(attachments.all[1].summary).toContain("green");

    const [best] = attachments.search("how much is the budget", 3);
    expect(best).toMatchObject({ attachmentId: "attachment-1", name: "heron.md" });
    expect(best.text).toContain("2.4 million euros");
    expect(attachments.search("describe the attached image", 1)[0]?.attachmentId).toBe("attachment-2");
    expect(attachments.search("zebra", 3)).toEqual([]);
  });

  it("says what is wrong with a document that cannot be read", async () => {
    const empty: ChatMessage[] = [
      {
        id: "m1",
        role: "user",
        parts: [
          {
            type: "file",
            mediaType: "text/plain",
            filename: "blank.txt",
            url: dataUrl("text/plain", "   \n  "),
          },
        ],
      },
    ];
    await expect(prepareAttachments(empty)).rejects.toMatchObject({
      message: expect.stringContaining("“blank.txt”"),
    });
  });
});

describe("convertWithAttachments", () => {
  it("puts a message about the files before the user message they came with, and never the data URLs", async () => {
    const attachments = await prepareAttachments(messages);
    const converted = await convertWithAttachments(messages, attachments, { tools: {}, includeImages: true });
    expect(converted.map((message) => message.role)).toEqual(["user", "user", "assistant", "user"]);
    const [context, question] = converted;
    const contextParts = context.content as Array<{
      type: string;
      text?: string;
      mediaType?: string;
      data?: unknown;
    }>;
    expect(contextParts[0].text).toContain("The user attached 2 file(s)");
    expect(contextParts[0].text).toContain("The Heron launch is planned for 14 March 2027");
    expect(contextParts[1]).toMatchObject({ type: "file", mediaType: "image/png", filename: "swatch.png" });
    expect(Buffer.from(contextParts[1].data as Uint8Array).equals(Buffer.from(greenSquare))).toBe(true);
    expect(JSON.stringify(question)).toContain("When is the launch?");
    expect(JSON.stringify(converted)).not.toContain("data:text/markdown");
  });

  it("leaves images out for a model that cannot see them, and changes nothing without attachments", async () => {
    const attachments = await prepareAttachments(messages);
    const offline = await convertWithAttachments(messages, attachments, { tools: {}, includeImages: false });
    expect((offline[0].content as Array<{ type: string }>).map((part) => part.type)).toEqual(["text"]);
    const plain = messages.slice(1);
    const none = await prepareAttachments(plain);
    expect(none.isEmpty).toBe(true);
    expect(await convertWithAttachments(plain, none, { tools: {}, includeImages: true })).toHaveLength(2);
  });
});
