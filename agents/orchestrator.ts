import "server-only";
import { convertToModelMessages, createUIMessageStream, toUIMessageStream } from "ai";
import type { ChatMessage, ChatMetadata } from "@/lib/chat/chat-message";
import { saveChat } from "@/lib/chat/chat-store";
import { describeModelError } from "@/lib/models/model-errors";
import { isOffline } from "@/lib/models/provider";
import { startRunTrace } from "@/lib/trace/run";
import { ensureTelemetry } from "@/lib/trace/telemetry";
import { createManagerAgent } from "./manager-agent";

export interface ChatRunRequest {
  chatId: string;
  messages: ChatMessage[];
  disabledAgents: string[];
  abortSignal: AbortSignal;
}

function lastUserText(messages: ChatMessage[]): string {
  const last = messages.findLast((message) => message.role === "user");
  return last?.parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n") ?? "";
}

/** Records the failure on the answer, so the saved conversation says what went wrong. */
function withFailure(messages: ChatMessage[], failure: string): ChatMessage[] {
  const last = messages.at(-1);
  if (last?.role !== "assistant") return messages;
  return [...messages.slice(0, -1), { ...last, metadata: { ...last.metadata, error: failure } }];
}

/**
 * Runs the manager for one chat request: a traced run whose UI message stream carries the
 * manager's and every sub-agent's steps, saves the conversation at the end, and turns failures
 * into an error part that says what went wrong.
 */
export function streamChatRun(request: ChatRunRequest) {
  ensureTelemetry();
  const trace = startRunTrace({
    name: "chat",
    chatId: request.chatId,
    input: lastUserText(request.messages),
  });
  const startedAt = Date.now();
  let failure: string | undefined;
  const reportError = (error: unknown) => {
    failure = describeModelError(error);
    return failure;
  };

  const stream = createUIMessageStream<ChatMessage>({
    originalMessages: request.messages,
    execute: ({ writer }) =>
      trace.run(async () => {
        const manager = createManagerAgent({
          chatId: request.chatId,
          traceId: trace.traceId,
          writer,
          disabledAgents: new Set(request.disabledAgents),
        });
        const result = await manager.stream({
          messages: await convertToModelMessages(request.messages, {
            tools: manager.tools,
            ignoreIncompleteToolCalls: true,
          }),
          abortSignal: request.abortSignal,
        });
        writer.merge(
          toUIMessageStream<typeof manager.tools, ChatMessage>({
            stream: result.stream,
            sendSources: true,
            onError: reportError,
            redactToolErrors: false,
            messageMetadata: ({ part }): ChatMetadata | undefined => {
              if (part.type === "start")
                return { traceId: trace.traceId, offline: isOffline(), createdAt: startedAt };
              if (part.type === "finish") {
                return {
                  durationMs: Date.now() - startedAt,
                  inputTokens: part.totalUsage.inputTokens,
                  outputTokens: part.totalUsage.outputTokens,
                };
              }
              return undefined;
            },
          }),
        );
      }),
    onError: reportError,
    onEnd: ({ messages }) => {
      if (!failure && request.abortSignal.aborted) failure = "The run was stopped.";
      saveChat(request.chatId, failure ? withFailure(messages, failure) : messages);
      trace.end(failure ? { status: "error", message: failure } : { status: "ok" });
    },
  });
  return { traceId: trace.traceId, stream };
}
