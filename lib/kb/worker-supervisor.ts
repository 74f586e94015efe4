import "server-only";
import type { Worker, WorkerOptions } from "node:worker_threads";

/** Why a worker ended without finishing its work. */
export type WorkerFailure =
  | { kind: "timeout" }
  | { kind: "memory" }
  | { kind: "crash"; error: Error }
  | { kind: "exit"; code: number };

/**
 * What every knowledge-base worker starts with besides its data: a JavaScript heap limit (a huge
 * document fails in the worker instead of growing the server), and nothing from the host's
 * environment. Spread into an object literal at each `new Worker(new URL("./….mjs", import.meta.url),
 * { … })`: the form that Turbopack bundles as a worker entry, imports included, for the production
 * server (another form of options made it copy the bare file instead), and that Node resolves next
 * to the calling module under Vitest: it never depends on the current directory.
 */
export function isolatedWorkerOptions(memoryLimitMb: number): WorkerOptions {
  return {
    resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
    env: {},
    execArgv: [],
  };
}

/** How a supervised worker's messages and failures are handled. */
export interface WorkerSupervision<Message> {
  /** Counted from when the worker starts. */
  timeoutMs: number;
  /** Each message of the worker; `finish` ends the worker (with an error, or as done). */
  onMessage: (message: Message, finish: (error?: Error) => void) => void;
  /**
   * The error a failure is reported as (what happened to which file, and what to do); undefined
   * ends the worker as finished (a check that has read enough when its time is up).
   */
  describeFailure: (failure: WorkerFailure) => Error | undefined;
  /** Called once, when the worker has ended for any reason. */
  onFinish: (error?: Error) => void;
}

/**
 * Watches a worker until it finishes: ends it at its deadline, reports running out of memory or
 * crashing, and terminates it whatever the outcome. Returns `finish`, to stop it early.
 */
export function superviseWorker<Message>(
  worker: Worker,
  supervision: WorkerSupervision<Message>,
): (error?: Error) => void {
  let finished = false;
  const finish = (error?: Error) => {
    if (finished) return;
    finished = true;
    clearTimeout(deadline);
    void worker.terminate();
    supervision.onFinish(error);
  };
  const fail = (failure: WorkerFailure) => finish(supervision.describeFailure(failure));
  const deadline = setTimeout(() => fail({ kind: "timeout" }), supervision.timeoutMs);
  worker.on("message", (message: Message) => supervision.onMessage(message, finish));
  worker.on("error", (error: Error & { code?: string }) =>
    fail(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? { kind: "memory" } : { kind: "crash", error }),
  );
  worker.on("exit", (code) => fail({ kind: "exit", code }));
  return finish;
}
