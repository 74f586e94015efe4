import "server-only";
import { randomUUID } from "node:crypto";
import type { UIMessageChunk } from "ai";
import { type ChatRunOutcome, streamChatRun } from "@/agents/orchestrator";
import { withStoredAttachments } from "@/lib/attachments/attachment-store";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { saveMessages } from "@/lib/chat/chat-store";
import { conversationForTurn } from "@/lib/chat/conversation-turn";
import { runLeasedJob } from "@/lib/db/jobs";
import { AppError } from "@/lib/errors";
import { processSingleton } from "@/lib/process-singleton";
import type { ChatRunSummary } from "./run-status";
import {
  appendChunkBatch,
  deleteRun,
  finishRun,
  getRun,
  getRunningRun,
  insertRun,
  readChunkBatches,
  removeFinishedRunLogs,
  renewRunLeases,
  requestStop,
  runLeaseMs,
  selectStopRequested,
  setRunTrace,
  settleAbandonedRuns,
} from "./run-store";

/** How often a running run's chunks are written to its log (followers on other replicas poll it). */
const logFlushMs = 50;
/** How often a follower on another replica looks for new chunks. */
const followPollMs = 100;
/** How often this server looks for Stop requests made on any replica. */
const stopPollMs = 250;

/** A run this server is running: its chunks so far, in memory for the followers here. */
interface LocalRun {
  id: string;
  chatId: string;
  controller: AbortController;
  chunks: UIMessageChunk[];
  ended: boolean;
  /** Wakes the followers waiting for more chunks. */
  waiters: Set<() => void>;
  /** Ends the recording without waiting for the stream (a run that ignores its abort signal). */
  forceEnd: () => void;
}

/** How long a stopped run may take to wind down before its recording is ended regardless. */
const stopGraceMs = 10_000;

function notify(run: LocalRun): void {
  // Cleared before the calls: a waiter that adds itself again waits for the next change.
  const waiters = [...run.waiters];
  run.waiters.clear();
  for (const wake of waiters) wake();
}

/** The runs of this process, and the timer that renews their leases and looks for Stop requests. */
class LocalRuns {
  readonly runs = new Map<string, LocalRun>();
  private timer: NodeJS.Timeout | undefined;
  private lastRenewal = 0;
  private ticking = false;

  add(run: LocalRun): void {
    this.runs.set(run.id, run);
    this.timer ??= setInterval(() => void this.tick(), stopPollMs).unref();
  }

  remove(id: string): void {
    this.runs.delete(id);
    if (this.runs.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  stopLocally(id: string): boolean {
    const run = this.runs.get(id);
    if (!run) return false;
    run.controller.abort(new Error("The run was stopped."));
    // A run that does not wind down (something in it ignores the signal) still ends, and frees its conversation.
    setTimeout(() => {
      if (!run.ended) run.forceEnd();
    }, stopGraceMs).unref();
    return true;
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const ids = [...this.runs.keys()];
      for (const id of await selectStopRequested(ids)) this.stopLocally(id);
      if (Date.now() - this.lastRenewal >= runLeaseMs() / 3) {
        // Renewed first, and on its own: the housekeeping below must never let these leases lapse.
        const renewed = new Set(await renewRunLeases(ids));
        this.lastRenewal = Date.now();
        // A run another replica settled (its lease ran out all the same) is not this server's any more.
        for (const id of ids) if (!renewed.has(id)) this.stopLocally(id);
        void this.housekeep();
      }
    } catch (error) {
      console.error("Could not renew the leases of running chat runs", error);
    } finally {
      this.ticking = false;
    }
  }

  private housekeeping = false;

  /** While runs go on here, this replica also settles runs whose server died, and drops old logs. */
  private async housekeep(): Promise<void> {
    if (this.housekeeping) return;
    this.housekeeping = true;
    try {
      await settleAbandonedRuns();
      await runLeasedJob("chat-run-log-retention", () => removeFinishedRunLogs());
    } catch (error) {
      console.error("Could not settle the runs of stopped servers", error);
    } finally {
      this.housekeeping = false;
    }
  }
}

function localRuns(): LocalRuns {
  return processSingleton("chat-runs", () => new LocalRuns());
}

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
    reader.cancel().catch(() => {});
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

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * The run's UI message stream from its first chunk, then live until it ends: from memory when this
 * server runs it, else from the log (any replica). A follower that goes away leaves the run running.
 */
export function followRun(runId: string): ReadableStream<UIMessageChunk> {
  const local = localRuns().runs.get(runId);
  return local ? followLocalRun(local) : followRunLog(runId);
}

function followLocalRun(run: LocalRun): ReadableStream<UIMessageChunk> {
  let next = 0;
  let cancelled = false;
  return new ReadableStream<UIMessageChunk>({
    async pull(controller) {
      while (next >= run.chunks.length && !run.ended && !cancelled) {
        await new Promise<void>((resolve) => run.waiters.add(resolve));
      }
      if (next < run.chunks.length) {
        // Everything there is, in one go: a follower never falls behind the run.
        for (; next < run.chunks.length; next++) controller.enqueue(run.chunks[next] as UIMessageChunk);
        return;
      }
      controller.close();
    },
    cancel() {
      cancelled = true;
      notify(run);
    },
  });
}

/** The run's stream read from its log, polling for more while it runs (on whichever replica). */
export function followRunLog(runId: string): ReadableStream<UIMessageChunk> {
  const cancelled = new AbortController();
  let after = -1;
  return new ReadableStream<UIMessageChunk>({
    async pull(controller) {
      while (!cancelled.signal.aborted) {
        const batches = await readChunkBatches(runId, after);
        if (batches.length > 0) {
          for (const batch of batches) for (const chunk of batch.chunks) controller.enqueue(chunk);
          after = batches.at(-1)?.batch ?? after;
          return;
        }
        const run = await getRun(runId);
        if (run?.status === "running" && run.leaseExpiresAt !== null && run.leaseExpiresAt < Date.now()) {
          await settleAbandonedRuns({ chatId: run.chatId });
          continue;
        }
        if (run?.status !== "running") {
          // The log is complete before a run ends: read what came after the last look, then close.
          const rest = await readChunkBatches(runId, after, 100_000);
          for (const batch of rest) for (const chunk of batch.chunks) controller.enqueue(chunk);
          controller.close();
          return;
        }
        await wait(followPollMs, cancelled.signal);
      }
    },
    cancel() {
      cancelled.abort();
    },
  });
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
