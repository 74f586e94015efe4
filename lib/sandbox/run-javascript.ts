import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import { isSandboxHelperName, type SandboxHelperName } from "./sandbox-helper-catalog";
import {
  abortedError,
  memoryError,
  type SandboxError,
  type SandboxJsonValue,
  type SandboxResult,
  timeoutError,
} from "./sandbox-result";
import { acquireSandboxSlot, releaseSandboxSlot } from "./sandbox-slots";

export type { SandboxError, SandboxJsonValue, SandboxResult } from "./sandbox-result";

export type RunJavaScriptOptions = {
  /** Wall-clock limit for the snippet; default 5 s. */
  timeoutMs?: number;
  /** Limit for the QuickJS heap; default 64 MB. */
  memoryLimitBytes?: number;
  /** Aborting (the Stop button) terminates the running snippet. */
  signal?: AbortSignal;
  /** The built-in helpers (`stats`, `csv`, …) defined as read-only globals for the snippet; default none. */
  helpers?: readonly SandboxHelperName[];
};

type WorkerOutcome =
  | { ok: true; result?: SandboxJsonValue; logs: string[] }
  | { ok: false; error: SandboxError; violation?: "timeout" | "memory"; logs: string[] };

type Limits = { timeoutMs: number; memoryLimitBytes: number };
type WorkerSettings = Limits & { helpers: readonly SandboxHelperName[] };

const defaultTimeoutMs = 5_000;
const defaultMemoryLimitBytes = 64 * 1024 * 1024;
// The worker's own interrupt normally ends a runaway snippet; this is the backstop for code stuck
// where the interrupt handler is never consulted.
const terminateGraceMs = 200;

// Resolved from the project root rather than import.meta.url: Next.js bundles this module into
// .next/server chunks, where a relative URL would point at a file that was never copied there. The
// app and the tests always run from the project root (npm scripts), and the worker file is plain
// ESM that Node loads as-is, resolving quickjs-emscripten from the project's node_modules.
const workerPath = path.join(process.cwd(), "lib", "sandbox", "quickjs-worker.mjs");

function startWorker(code: string, settings: WorkerSettings): Worker {
  // The magic comment keeps the bundler (webpack or Turbopack) from trying to bundle the worker.
  return new Worker(/* webpackIgnore: true */ workerPath, {
    workerData: { code, ...settings },
    // The JavaScript heap of the worker; QuickJS's WebAssembly memory is capped inside the worker.
    resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    // Nothing from the host's environment (API keys) is copied into the worker.
    env: {},
    execArgv: [],
  });
}

/** Waits for the worker's outcome, or ends it at the deadline or on abort, whichever comes first. */
function superviseWorker(
  worker: Worker,
  limits: Limits,
  signal: AbortSignal | undefined,
): Promise<SandboxResult> {
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  return new Promise<SandboxResult>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: SandboxResult | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(backstop);
      signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const fail = (error: SandboxError, logs: string[] = []) =>
      finish({ ok: false, error, logs, durationMs: elapsed() });
    const onAbort = () => fail(abortedError);
    const backstop = setTimeout(
      () => fail(timeoutError(limits.timeoutMs)),
      limits.timeoutMs + terminateGraceMs,
    );
    signal?.addEventListener("abort", onAbort, { once: true });

    worker.once("message", (outcome: WorkerOutcome) => {
      if (outcome.ok) return finish({ ...outcome, durationMs: elapsed() });
      if (outcome.violation === "timeout") return fail(timeoutError(limits.timeoutMs), outcome.logs);
      if (outcome.violation === "memory") return fail(memoryError(limits.memoryLimitBytes), outcome.logs);
      fail(outcome.error, outcome.logs);
    });
    worker.once("error", (error: Error & { code?: string }) => {
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") return fail(memoryError(limits.memoryLimitBytes));
      finish(
        new AppError("sandbox_error", `The code sandbox could not run: ${error.message}`, { cause: error }),
      );
    });
    worker.once("exit", (exitCode) => {
      fail({
        name: "SandboxError",
        message: `The code sandbox stopped unexpectedly (exit code ${exitCode}).`,
      });
    });
  });
}

/**
 * Runs untrusted JavaScript in QuickJS inside a resource-limited worker thread (one per call) and
 * returns what it printed and the value of its last expression. Problems in the code (syntax or
 * runtime errors, the time and memory limits, an abort) come back as `{ ok: false, error }` values
 * with a readable message; only a sandbox that cannot start throws (AppError "sandbox_error").
 */
export async function runJavaScript(
  code: string,
  options: RunJavaScriptOptions = {},
): Promise<SandboxResult> {
  const limits = {
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    memoryLimitBytes: options.memoryLimitBytes ?? defaultMemoryLimitBytes,
  };
  const helpers = options.helpers ?? [];
  const unknown = helpers.find((name) => !isSandboxHelperName(name));
  if (unknown !== undefined) {
    throw new AppError("sandbox_error", `There is no sandbox helper named "${unknown}".`);
  }
  if (!(await acquireSandboxSlot(options.signal))) {
    return { ok: false, error: abortedError, logs: [], durationMs: 0 };
  }
  try {
    return await superviseWorker(startWorker(code, { ...limits, helpers }), limits, options.signal);
  } finally {
    releaseSandboxSlot();
  }
}
