import "server-only";
import { getDatabase } from "@/lib/db/database";
import type { ChatMessage } from "./chat-message";

export interface ChatSummary {
  id: string;
  title: string;
  updatedAt: number;
}

function titleOf(messages: ChatMessage[]): string {
  const firstUser = messages.find((message) => message.role === "user");
  const text = firstUser?.parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join(" ") ?? "";
  const title = text.replace(/\s+/g, " ").trim();
  return title.length > 80 ? `${title.slice(0, 77)}…` : title || "New chat";
}

/** Stores a conversation's messages, creating it on first save. */
export async function saveChat(id: string, messages: ChatMessage[]): Promise<void> {
  const now = Date.now();
  const database = await getDatabase();
  await database
    .insertInto("chats")
    .values({
      id,
      title: titleOf(messages),
      messages: JSON.stringify(messages),
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflict) =>
      conflict.column("id").doUpdateSet((update) => ({
        messages: update.ref("excluded.messages"),
        updated_at: update.ref("excluded.updated_at"),
      })),
    )
    .execute();
}

/** Recent conversations, newest first. */
export async function listChats(limit = 50): Promise<ChatSummary[]> {
  const database = await getDatabase();
  const rows = await database
    .selectFrom("chats")
    .select(["id", "title", "updated_at"])
    .orderBy("updated_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, title: row.title, updatedAt: row.updated_at }));
}

/** One conversation with its messages, or undefined. */
export async function getChat(id: string): Promise<(ChatSummary & { messages: ChatMessage[] }) | undefined> {
  const database = await getDatabase();
  const row = await database
    .selectFrom("chats")
    .select(["id", "title", "messages", "updated_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, title: row.title, updatedAt: row.updated_at, messages: JSON.parse(row.messages) };
}

/** Deletes a conversation; returns whether it existed. */
export async function deleteChat(id: string): Promise<boolean> {
  const database = await getDatabase();
  const result = await database.deleteFrom("chats").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
