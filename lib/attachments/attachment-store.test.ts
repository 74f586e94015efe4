import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { getDatabase } from "@/lib/db/database";
import { AppError } from "@/lib/errors";
import { encodePng } from "@/lib/images/png-encoder";
import { getStoredFiles } from "@/lib/storage/stored-files";
import { databaseBackends, useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { analysisOf, getAttachment, storeAttachment, withStoredAttachments } from "./attachment-store";
import { attachmentIdOf } from "./attachment-url";
import { prepareAttachments } from "./prepare-attachments";

const notes = "# Heron\n\nThe Heron launch is planned for 14 March 2027 in Rotterdam.\n";
const square = encodePng(2, 2, new Uint8Array(12).fill(200));

function dataUrl(mediaType: string, bytes: Uint8Array | string): string {
  return `data:${mediaType};base64,${Buffer.from(bytes).toString("base64")}`;
}

function withFile(url: string, filename = "heron.md", mediaType = "text/markdown"): ChatMessage {
  return {
    id: crypto.randomUUID(),
    role: "user",
    parts: [
      { type: "file", url, filename, mediaType },
      { type: "text", text: "When is the launch?" },
    ],
  };
}

async function rowCount(): Promise<number> {
  const database = await getDatabase();
  return (await database.selectFrom("attachments").select("id").execute()).length;
}

describe.each(databaseBackends)("stored attachments on %s", (backend) => {
  useTemporaryDataDirectory({}, backend);

  it("stores the same bytes once, under their SHA-256, whatever they are called", async () => {
    const first = await storeAttachment("heron.md", Buffer.from(notes));
    const again = await storeAttachment("copy of heron.md", Buffer.from(notes));
    expect(first.id).toMatch(/^[0-9a-f]{64}$/);
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({
      url: `/api/attachments/${first.id}`,
      kind: "document",
      mediaType: "text/markdown",
    });
    expect(attachmentIdOf(first.url)).toBe(first.id);
    expect(await rowCount()).toBe(1);
  });

  it("refuses what cannot be attached, storing nothing", async () => {
    await expect(storeAttachment("setup.exe", Buffer.from("MZ\x90\x00"))).rejects.toBeInstanceOf(AppError);
    await expect(storeAttachment("big.txt", new Uint8Array(6 * 1024 * 1024).fill(65))).rejects.toMatchObject({
      code: "payload_too_large",
    });
    await expect(storeAttachment("empty.txt", new Uint8Array())).rejects.toMatchObject({
      code: "bad_request",
    });
    expect(await rowCount()).toBe(0);
  });

  it("reads a file once: later turns use the kept analysis, not the bytes", async () => {
    const stored = await storeAttachment("heron.md", Buffer.from(notes));
    const analysis = await analysisOf(stored.id, "heron.md");
    expect(analysis).toMatchObject({ kind: "document" });
    expect(JSON.parse((await getAttachment(stored.id))?.analysis ?? "null")).toEqual(analysis);
    // With the file gone from storage, a turn still has everything it needs of the document.
    await getStoredFiles().remove(`attachments/${stored.id}`);
    const attachments = await prepareAttachments([withFile(stored.url)]);
    expect(attachments.all[0]?.summary).toContain("“heron.md”");
    expect(attachments.search("launch Rotterdam", 1)[0]?.text).toContain("14 March 2027");
  });

  it("turns a data URL in a new message into a stored attachment, and refuses a reference to none", async () => {
    const message = await withStoredAttachments(
      withFile(dataUrl("image/png", square), "dot.png", "image/png"),
    );
    const file = message.parts.find((part) => part.type === "file");
    const id = file?.type === "file" ? attachmentIdOf(file.url) : undefined;
    expect(id).toBeDefined();
    expect((await getAttachment(id ?? ""))?.kind).toBe("image");
    // The run still gets the image's bytes (for a model that can see) and its measurements.
    const [image] = (await prepareAttachments([message])).all;
    expect(image).toMatchObject({ kind: "image", mediaType: "image/png" });
    expect(image?.bytes.byteLength).toBe(square.byteLength);
    await expect(withStoredAttachments(withFile(`/api/attachments/${"0".repeat(64)}`))).rejects.toMatchObject(
      {
        code: "bad_request",
      },
    );
  });
});
