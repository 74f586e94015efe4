import "server-only";
import { createUIMessageStream, type InferUIMessageChunk, toUIMessageStream } from "ai";
import { convertWithAttachments } from "@/lib/attachments/attachment-messages";
import { prepareAttachments } from "@/lib/attachments/prepare-attachments";
import type { ChatMessage, ChatMetadata } from "@/lib/chat/chat-message";
import { saveMessages } from "@/lib/chat/chat-store";
import { describeModelError } from "@/lib/models/model-errors";
import { isOffline } from "@/lib/models/provider";
import { startRunTrace } from "@/lib/trace/run";
import { ensureTelemetry, flushTraceWrites, getRunTokenUsage } from "@/lib/trace/telemetry";
import { createManagerAgent } from "./manager-agent";
import { batchedChunkStream } from "./progress-batcher";
import { type BudgetExceeded, RunBudget, recordBudgetExceeded, runBudgetLimits } from "./run-budget";
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

/** How a run ended: `stopped` when its abort signal fired, `failed` with what went wrong. */
export type ChatRunOutcome =
  | { status: "done" }
  | { status: "stopped"; message: string }
  | { status: "failed"; message: string };

/**
 * Records the failure on the answer, so the saved conversation says what went wrong; a tool call it
 * cut short (no output came) is saved as failed with that reason, not as still working.
 */
function withFailure(answer: ChatMessage, failure: string): ChatMessage {
  const parts = answer.parts.map((part) =>
    part.type.startsWith("tool-") &&
    "state" in part &&
    (part.state === "input-streaming" || part.state === "input-available")
      ? ({ ...part, state: "output-error", errorText: failure } as unknown as typeof part)
      : part,
  );
  return { ...answer, parts, metadata: { ...answer.metadata, error: failure } };
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
  // A spent budget ends the run as Stop does, through a signal of its own.
  const budgetStop = new AbortController();
  const abortSignal = AbortSignal.any([request.abortSignal, budgetStop.signal]);
  let budgetExceeded: BudgetExceeded | undefined;
  let settle!: (outcome: ChatRunOutcome) => void;
  const outcome = new Promise<ChatRunOutcome>((resolve) => {
    settle = resolve;
  });
  const reportError = (error: unknown) => {
    const described = describeModelError(error);
    // What ended the run first (a spent budget, say) is what the run says; later errors follow from it.
    failure ??= described;
    return described;
  };

  const stream = createUIMessageStream<ChatMessage>({
    originalMessages: request.messages,
    execute: ({ writer }) =>
      trace.run(async () => {
        // Attached files are read once per request and reach every agent through the run context.
        const attachments = await prepareAttachments(request.messages);
        const budget = new RunBudget(runBudgetLimits(), {
          onExceeded: (exceeded) => {
            budgetExceeded = exceeded;
            failure = exceeded.message;
            recordBudgetExceeded(trace, exceeded);
            writer.write({ type: "error", errorText: exceeded.message });
            budgetStop.abort(new Error(exceeded.message));
          },
        });
        const manager = createManagerAgent({
          chatId: request.chatId,
          traceId: trace.traceId,
          writer,
          disabledAgents: new Set(request.disabledAgents),
          attachments,
          visitedPages: new Map(),
          citationNumbering: new CitationNumbering(),
          budget,
        });
        const result = await manager.stream({
          messages: await convertWithAttachments(request.messages, attachments, {
            tools: manager.tools,
            includeImages: !isOffline(),
          }),
          abortSignal,
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
          }).pipeThrough(batchedChunkStream<InferUIMessageChunk<ChatMessage>>()),
        );
      }),
    onError: reportError,
    onEnd: async ({ messages }) => {
      const stopped = request.abortSignal.aborted || budgetExceeded !== undefined;
      if (!failure && stopped) failure = "The run was stopped.";
      const answer = messages.at(-1);
      const answers = answer?.role === "assistant" ? [failure ? withFailure(answer, failure) : answer] : [];
      try {
        // Only this turn is written: earlier messages are the server's own, and another tab's turns stay.
        await saveMessages(request.chatId, [...request.newMessages, ...answers]);
      } finally {
        trace.end(failure ? { status: "error", message: failure } : { status: "ok" });
        await flushTraceWrites();
        settle(failure ? { status: stopped ? "stopped" : "failed", message: failure } : { status: "done" });
      }
    },
  });
  return { traceId: trace.traceId, stream, outcome };
}
