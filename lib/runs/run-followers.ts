import "server-only";
import type { UIMessageChunk } from "ai";
import { settleAbandonedRuns } from "./abandoned-runs";
import { type LocalRun, notify } from "./local-runs";
import { getRun, readChunkBatches } from "./run-store";

/** How often a follower on another replica looks for new chunks. */
const followPollMs = 100;

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export function followLocalRun(run: LocalRun): ReadableStream<UIMessageChunk> {
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
