import "server-only";
import { AppError } from "@/lib/errors";
import type { ChatMessage } from "./chat-message";
import { getChat, removeMessagesAfter } from "./chat-store";

/**
 * The conversation a chat request continues, owned by the server: the stored messages, and of the
 * request only its new user message. Earlier messages the request carries (a forged answer, an
 * edited tool result) have no effect. A regenerate drops the stored answer after the last user
 * message and answers that message again.
 */
export async function conversationForTurn(
  chatId: string,
  requested: ChatMessage[],
  trigger: "submit-message" | "regenerate-message",
): Promise<{ messages: ChatMessage[]; newMessages: ChatMessage[] }> {
  const stored = (await getChat(chatId))?.messages ?? [];
  if (trigger === "regenerate-message") {
    const lastUser = stored.findLast((message) => message.role === "user");
    if (!lastUser)
      throw new AppError("bad_request", "There is no question in this conversation to answer again.");
    await removeMessagesAfter(chatId, lastUser.id);
    return { messages: stored.slice(0, stored.lastIndexOf(lastUser) + 1), newMessages: [] };
  }
  const incoming = requested.at(-1);
  if (incoming?.role !== "user") {
    throw new AppError(
      "bad_request",
      "Invalid chat request: the last message must be the user's new message.",
    );
  }
  const history = stored.filter((message) => message.id !== incoming.id);
  return { messages: [...history, incoming], newMessages: [incoming] };
}
