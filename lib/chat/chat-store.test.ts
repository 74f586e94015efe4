import { describe, expect, it } from "vitest";
import { databaseBackends, useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import type { ChatMessage } from "./chat-message";
import { deleteChat, getChat, listChats, saveChat } from "./chat-store";

function userMessage(text: string): ChatMessage {
  return { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] };
}

describe.each(databaseBackends)("chat store on %s", (backend) => {
  useTemporaryDataDirectory({}, backend);

  it("creates a conversation titled by its first question, then updates its messages", async () => {
    await saveChat("c-1", [userMessage("What   is\nRAG?")]);
    const first = await getChat("c-1");
    expect(first).toMatchObject({ id: "c-1", title: "What is RAG?" });
    const longer = [userMessage("What is RAG?"), userMessage("And BM25?")];
    await saveChat("c-1", longer);
    const updated = await getChat("c-1");
    expect(updated?.messages).toEqual(longer);
    expect(updated?.title).toBe("What is RAG?");
    expect(updated?.updatedAt).toBeGreaterThanOrEqual(first?.updatedAt ?? Number.POSITIVE_INFINITY);
  });

  it("lists the most recently updated first, and deletes", async () => {
    await saveChat("old", [userMessage("old")]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await saveChat("new", [userMessage("new")]);
    expect((await listChats()).map((chat) => chat.id)).toEqual(["new", "old"]);
    expect(await deleteChat("old")).toBe(true);
    expect(await deleteChat("old")).toBe(false);
    expect(await getChat("old")).toBeUndefined();
    expect((await listChats(1)).map((chat) => chat.id)).toEqual(["new"]);
  });

  it("keeps text of any size and character exactly", async () => {
    const text = `${"ünïcødé 🦊 ".repeat(20_000)}\u0000end`.replace("\u0000", "");
    await saveChat("big", [userMessage(text)]);
    const stored = await getChat("big");
    expect(stored?.messages[0].parts[0]).toEqual({ type: "text", text });
  });
});
