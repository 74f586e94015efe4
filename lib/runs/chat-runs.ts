import "server-only";
import { randomUUID } from "node:crypto";
import type { UIMessageChunk } from "ai";
import { type ChatRunOutcome, streamChatRun } from "@/agents/orchestrator";
import { withStoredAttachments } from "@/lib/attachments/attachment-store";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { saveMessages } from "@/lib/chat/chat-store";
import { conversationForTurn } from "@/lib/chat/conversation-turn";
import { AppError } from "@/lib/errors";
import { settleAbandonedRuns } from "./abandoned-runs";
import { type LocalRun, localRuns, notify } from "./local-runs";
import { followLocalRun, followRunLog } from "./run-followers";
import type { ChatRunSummary } from "./run-status";
import {
  appendChunkBatch,
  deleteRun,
  finishRun,
  getRun,
  getRunningRun,
  insertRun,
  requestStop,
  setRunTrace,
} from "./run-store";

/** How often a running run's chunks are written to its log (followers on other replicas poll it). */
const logFlushMs = 50;
export interface StartChatRunRequest {
  chatId: string;
  /** The messages of the `useChat` body: only the last (the new user message) is taken. */
  messages: ChatMessage[];
  trigger: "submit-message" | "regenerate-message";
  disabledAgents: string[];
}

/**
 * Starts the answer to one turn as a run of its own, detached from the request: the user's message
 * is stored at once, the run's UI message stream is logged to the database as it goes, and a
 * disconnect does not stop it (only `stopChatRun` does). One run per conversation at a time.
 */
export async function startChatRun(
  request: StartChatRunRequest,
): Promise<{ runId: string; traceId: string }> {
  const runId = randomUUID();
  if (!(await insertRun({ id: runId, chatId: request.chatId }))) {
    // The run in the way may be one whose server died: then it is settled and this turn goes on.
    await settleAbandonedRuns({ chatId: request.chatId });
    if (!(await insertRun({ id: runId, chatId: request.chatId }))) {
      throw new AppError(
        "conflict",
        "This conversation is still answering. Wait for the answer, or press Stop, then send again.",
      );
    }
  }
  let conversation: Awaited<ReturnType<typeof conversationForTurn>>;
  try {
    const incoming = request.messages.at(-1);
    // Attached files are stored once; the message keeps only references to them.
    const messages =
      request.trigger === "submit-message" && incoming?.role === "user"
        ? [...request.messages.slice(0, -1), await withStoredAttachments(incoming)]
        : request.messages;
    conversation = await conversationForTurn(request.chatId, messages, request.trigger);
    // The question is stored before the answer starts: a reload, or a server that dies, keeps it.
    if (conversation.newMessages.length > 0) await saveMessages(request.chatId, conversation.newMessages);
  } catch (error) {
    await deleteRun(runId);
    throw error;
  }
  const controller = new AbortController();
  let started: ReturnType<typeof streamChatRun>;
  try {
    started = streamChatRun({
      chatId: request.chatId,
      ...conversation,
      disabledAgents: request.disabledAgents,
      abortSignal: controller.signal,
    });
  } catch (error) {
    await deleteRun(runId);
    throw error;
  }
  const { traceId, stream, outcome } = started;
  // Registered and recorded before anything else may fail: the run has started and must be followed.
  const run: LocalRun = {
    id: runId,
    chatId: request.chatId,
    controller,
    chunks: [],
    ended: false,
    waiters: new Set(),
    forceEnd: () => {},
  };
  localRuns().add(run);
  void record(run, stream, outcome);
  // Only the trace link; a failure to write it loses nothing of the run.
  await setRunTrace(runId, traceId).catch((error: unknown) =>
    console.error(`Could not link run ${runId} to its trace`, error),
  );
  return { runId, traceId };
}

/** Logs a batch, trying again on a passing database error: a lost batch is a gap in every replay. */
async function appendWithRetries(runId: string, batch: number, chunks: UIMessageChunk[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await appendChunkBatch(runId, batch, chunks);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** Reads the run's stream to its end, whoever follows it, logging its chunks in batches. */
async function record(
  run: LocalRun,
  stream: ReadableStream<UIMessageChunk>,
  outcome: Promise<ChatRunOutcome>,
): Promise<void> {
  let batch = 0;
  let pending: UIMessageChunk[] = [];
  let writing: Promise<void> = Promise.resolve();
  let flushTimer: NodeJS.Timeout | undefined;
  const flush = () => {
    flushTimer = undefined;
    if (pending.length === 0) return writing;
    const chunks = pending;
    pending = [];
    const number = batch++;
    writing = writing
      .then(() => appendWithRetries(run.id, number, chunks))
      .catch((error: unknown) => console.error(`Could not log chunks of run ${run.id}`, error));
    return writing;
  };
  const stoppedTooLong: ChatRunOutcome = {
    status: "stopped",
    message: "The run was stopped (it did not wind down in time, so it was ended).",
  };
  let ending: ChatRunOutcome;
  const reader = stream.getReader();
  let forced = false;
  run.forceEnd = () => {
    forced = true;
    reader.cancel().catch((error: unknown) => console.error(`Could not cancel run ${run.id}`, error));
  };
  try {
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      run.chunks.push(chunk);
      pending.push(chunk);
      notify(run);
      flushTimer ??= setTimeout(flush, logFlushMs);
    }
    ending = forced ? stoppedTooLong : await outcome;
  } catch (error) {
    ending = forced
      ? stoppedTooLong
      : { status: "failed", message: error instanceof Error ? error.message : String(error) };
  }
  if (flushTimer) clearTimeout(flushTimer);
  await flush();
  // The run keeps its lease (this server still holds it) until its end is written: a passing
  // database error must not leave it for another replica to call "the server stopped".
  for (let attempt = 1; ; attempt++) {
    try {
      await finishRun(run.id, ending.status, ending.status === "done" ? undefined : ending.message);
      break;
    } catch (error) {
      if (attempt >= 5) {
        console.error(`Could not end run ${run.id}`, error);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
  run.ended = true;
  notify(run);
  localRuns().remove(run.id);
}

/**
 * The run's UI message stream from its first chunk, then live until it ends: from memory when this
 * server runs it, else from the log (any replica). A follower that goes away leaves the run running.
 */
export function followRun(runId: string): ReadableStream<UIMessageChunk> {
  const local = localRuns().runs.get(runId);
  return local ? followLocalRun(local) : followRunLog(runId);
}

/** The conversation's running run, after settling it if its server died (then there is none). */
export async function activeRun(chatId: string): Promise<ChatRunSummary | undefined> {
  const run = await getRunningRun(chatId);
  if (!run) return undefined;
  if (run.leaseExpiresAt !== null && run.leaseExpiresAt >= Date.now()) return run;
  await settleAbandonedRuns({ chatId });
  return undefined;
}

/**
 * Stops the conversation's running run wherever it runs: at once when this server runs it, else
 * by a request the running server sees within a quarter second. Waits (up to `waitMs`) for it to
 * end and returns it as it is then, or undefined when nothing was running.
 */
export async function stopChatRun(chatId: string, waitMs = 3000): Promise<ChatRunSummary | undefined> {
  const running = await activeRun(chatId);
  if (!running) return undefined;
  await requestStop(chatId, running.id);
  const local = localRuns().runs.get(running.id);
  if (local) {
    // Run here: aborted now, and awaited directly rather than by polling the database.
    localRuns().stopLocally(running.id);
    await Promise.race([
      new Promise<void>((resolve) => {
        const check = () => (local.ended ? resolve() : local.waiters.add(check));
        check();
      }),
      new Promise((resolve) => setTimeout(resolve, waitMs)),
    ]);
    return getRun(running.id);
  }
  const deadline = Date.now() + waitMs;
  for (;;) {
    const run = await getRun(running.id);
    if (run?.status !== "running" || Date.now() >= deadline) return run;
    if (run.leaseExpiresAt !== null && run.leaseExpiresAt < Date.now()) {
      await settleAbandonedRuns({ chatId });
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
