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

let lastPosition = 0;

/** Increasing within this process, and roughly in time order across replicas. */
function nextPosition(): number {
  lastPosition = Math.max(lastPosition + 1, Date.now() * 1000);
  return lastPosition;
}

/**
 * Stores messages of a conversation, each as its own row, creating the conversation on first save.
 * A message already stored (same id) is replaced in place; the others are added after the rest, so
 * two tabs adding turns to one conversation keep both.
 */
export async function saveMessages(chatId: string, messages: ChatMessage[]): Promise<void> {
  const now = Date.now();
  const database = await getDatabase();
  await database.transaction().execute(async (transaction) => {
    await transaction
      .insertInto("chats")
      .values({ id: chatId, title: titleOf(messages), messages: "[]", created_at: now, updated_at: now })
      .onConflict((conflict) =>
        conflict.column("id").doUpdateSet((update) => ({ updated_at: update.ref("excluded.updated_at") })),
      )
      .execute();
    for (const message of messages) {
      await transaction
        .insertInto("chat_messages")
        .values({
          chat_id: chatId,
          id: message.id,
          position: nextPosition(),
          role: message.role,
          message: JSON.stringify(message),
          created_at: now,
        })
        .onConflict((conflict) =>
          conflict
            .columns(["chat_id", "id"])
            .doUpdateSet((update) => ({ message: update.ref("excluded.message") })),
        )
        .execute();
    }
  });
}

/** Removes the messages stored after `messageId` (a regenerated answer replaces the ones it follows). */
export async function removeMessagesAfter(chatId: string, messageId: string): Promise<void> {
  const database = await getDatabase();
  const anchor = await database
    .selectFrom("chat_messages")
    .select("position")
    .where("chat_id", "=", chatId)
    .where("id", "=", messageId)
    .executeTakeFirst();
  if (!anchor) return;
  await database
    .deleteFrom("chat_messages")
    .where("chat_id", "=", chatId)
    .where("position", ">", anchor.position)
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

/** One conversation with its messages in order, or undefined. */
export async function getChat(id: string): Promise<(ChatSummary & { messages: ChatMessage[] }) | undefined> {
  const database = await getDatabase();
  const row = await database
    .selectFrom("chats")
    .select(["id", "title", "updated_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const messages = await database
    .selectFrom("chat_messages")
    .select("message")
    .where("chat_id", "=", id)
    .orderBy("position")
    .execute();
  return {
    id: row.id,
    title: row.title,
    updatedAt: row.updated_at,
    messages: messages.map((message) => JSON.parse(message.message) as ChatMessage),
  };
}

/** Deletes a conversation and its messages; returns whether it existed. */
export async function deleteChat(id: string): Promise<boolean> {
  const database = await getDatabase();
  return database.transaction().execute(async (transaction) => {
    await transaction.deleteFrom("chat_messages").where("chat_id", "=", id).execute();
    const result = await transaction.deleteFrom("chats").where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  });
}
