import { createUIMessageStreamResponse } from "ai";
import { streamChatRun } from "@/agents/orchestrator";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { conversationForTurn } from "@/lib/chat/conversation-turn";
import { AppError, errorResponse } from "@/lib/errors";
import { guardRoute } from "@/lib/security/guard-route";
import { chatRequestSchema } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 300;

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("bad_request", "Invalid chat request: the body is not JSON.");
  }
}

async function postRoute(request: Request) {
  try {
    const parsed = chatRequestSchema.safeParse(await readJson(request));
    if (!parsed.success) {
      throw new AppError(
        "bad_request",
        `Invalid chat request: ${parsed.error.issues[0]?.message ?? "bad body"}.`,
      );
    }
    const { id, trigger = "submit-message" } = parsed.data;
    const conversation = await conversationForTurn(
      id,
      parsed.data.messages as unknown as ChatMessage[],
      trigger,
    );
    const { traceId, stream } = streamChatRun({
      chatId: id,
      ...conversation,
      disabledAgents: parsed.data.disabledAgents,
      abortSignal: request.signal,
    });
    return createUIMessageStreamResponse({ stream, headers: { "X-Trace-Id": traceId } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = guardRoute(postRoute);
