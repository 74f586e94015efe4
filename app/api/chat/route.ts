import { createUIMessageStreamResponse } from "ai";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { AppError, errorResponse } from "@/lib/errors";
import { followRun, startChatRun } from "@/lib/runs/chat-runs";
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

/**
 * Starts the answer to a turn as a run of its own and follows it: the response streams the run's
 * UI message chunks, and closing it leaves the run going (`POST /api/chat/{id}/stop` stops it).
 */
async function postRoute(request: Request) {
  try {
    const parsed = chatRequestSchema.safeParse(await readJson(request));
    if (!parsed.success) {
      throw new AppError(
        "bad_request",
        `Invalid chat request: ${parsed.error.issues[0]?.message ?? "bad body"}.`,
      );
    }
    const { runId, traceId } = await startChatRun({
      chatId: parsed.data.id,
      messages: parsed.data.messages as unknown as ChatMessage[],
      trigger: parsed.data.trigger ?? "submit-message",
      disabledAgents: parsed.data.disabledAgents,
    });
    return createUIMessageStreamResponse({
      stream: followRun(runId),
      headers: { "X-Trace-Id": traceId, "X-Run-Id": runId },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = guardRoute(postRoute);
