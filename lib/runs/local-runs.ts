import "server-only";
import type { UIMessageChunk } from "ai";
import { runLeasedJob } from "@/lib/db/jobs";
import { processSingleton } from "@/lib/process-singleton";
import { settleAbandonedRuns } from "./abandoned-runs";
import { removeFinishedRunLogs, renewRunLeases, runLeaseMs, selectStopRequested } from "./run-store";

/** A run this server is running: its chunks so far, in memory for the followers here. */
export interface LocalRun {
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

export function notify(run: LocalRun): void {
  // Cleared before the calls: a waiter that adds itself again waits for the next change.
  const waiters = [...run.waiters];
  run.waiters.clear();
  for (const wake of waiters) wake();
}

/** How often this server looks for Stop requests made on any replica. */
const stopPollMs = 250;

/** How long a stopped run may take to wind down before its recording is ended regardless. */
const stopGraceMs = 10_000;

/** The runs of this process, and the timer that renews their leases and looks for Stop requests. */
export class LocalRuns {
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

export function localRuns(): LocalRuns {
  return processSingleton("chat-runs", () => new LocalRuns());
}
