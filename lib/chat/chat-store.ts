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
export function saveChat(id: string, messages: ChatMessage[]): void {
  const now = Date.now();
  getDatabase()
    .prepare(
      `INSERT INTO chats (id, title, messages, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET messages = excluded.messages, updated_at = excluded.updated_at`,
    )
    .run(id, titleOf(messages), JSON.stringify(messages), now, now);
}

/** Recent conversations, newest first. */
export function listChats(limit = 50): ChatSummary[] {
  const rows = getDatabase()
    .prepare("SELECT id, title, updated_at FROM chats ORDER BY updated_at DESC LIMIT ?")
    .all(limit) as Array<{ id: string; title: string; updated_at: number }>;
  return rows.map((row) => ({ id: row.id, title: row.title, updatedAt: row.updated_at }));
}

/** One conversation with its messages, or undefined. */
export function getChat(id: string): (ChatSummary & { messages: ChatMessage[] }) | undefined {
  const row = getDatabase()
    .prepare("SELECT id, title, messages, updated_at FROM chats WHERE id = ?")
    .get(id) as { id: string; title: string; messages: string; updated_at: number } | undefined;
  if (!row) return undefined;
  return { id: row.id, title: row.title, updatedAt: row.updated_at, messages: JSON.parse(row.messages) };
}

/** Deletes a conversation; returns whether it existed. */
export function deleteChat(id: string): boolean {
  return getDatabase().prepare("DELETE FROM chats WHERE id = ?").run(id).changes > 0;
}
