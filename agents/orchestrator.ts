import "server-only";
import { createUIMessageStream, toUIMessageStream } from "ai";
import { convertWithAttachments } from "@/lib/attachments/attachment-messages";
import { prepareAttachments } from "@/lib/attachments/prepare-attachments";
import type { ChatMessage, ChatMetadata } from "@/lib/chat/chat-message";
import { saveMessages } from "@/lib/chat/chat-store";
import { describeModelError } from "@/lib/models/model-errors";
import { isOffline } from "@/lib/models/provider";
import { startRunTrace } from "@/lib/trace/run";
import { ensureTelemetry, flushTraceWrites, getRunTokenUsage } from "@/lib/trace/telemetry";
import { createManagerAgent } from "./manager-agent";
import { CitationNumbering } from "./sub-agent-sources";

export interface ChatRunRequest {
  chatId: string;
  /** The conversation as stored, followed by the new user message (see `conversationForTurn`). */
  messages: ChatMessage[];
  /** What this turn adds before the answer (the new user message), saved with the answer. */
  newMessages: ChatMessage[];
  disabledAgents: string[];
  abortSignal: AbortSignal;
}

function lastUserText(messages: ChatMessage[]): string {
  const last = messages.findLast((message) => message.role === "user");
  return last?.parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n") ?? "";
}

/** Records the failure on the answer, so the saved conversation says what went wrong. */
function withFailure(answer: ChatMessage, failure: string): ChatMessage {
  return { ...answer, metadata: { ...answer.metadata, error: failure } };
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
        // Attached files are read once per request and reach every agent through the run context.
        const attachments = await prepareAttachments(request.messages);
        const manager = createManagerAgent({
          chatId: request.chatId,
          traceId: trace.traceId,
          writer,
          disabledAgents: new Set(request.disabledAgents),
          attachments,
          visitedPages: new Map(),
          citationNumbering: new CitationNumbering(),
        });
        const result = await manager.stream({
          messages: await convertWithAttachments(request.messages, attachments, {
            tools: manager.tools,
            includeImages: !isOffline(),
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
                // The whole run's tokens, sub-agents included: the manager's own usage leaves them out.
                return { durationMs: Date.now() - startedAt, ...getRunTokenUsage(trace.traceId) };
              }
              return undefined;
            },
          }),
        );
      }),
    onError: reportError,
    onEnd: async ({ messages }) => {
      if (!failure && request.abortSignal.aborted) failure = "The run was stopped.";
      const answer = messages.at(-1);
      const answers = answer?.role === "assistant" ? [failure ? withFailure(answer, failure) : answer] : [];
      try {
        // Only this turn is written: earlier messages are the server's own, and another tab's turns stay.
        await saveMessages(request.chatId, [...request.newMessages, ...answers]);
      } finally {
        trace.end(failure ? { status: "error", message: failure } : { status: "ok" });
        await flushTraceWrites();
      }
    },
  });
  return { traceId: trace.traceId, stream };
}
