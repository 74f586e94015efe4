import "server-only";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getEnvironment } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import {
  abortedError,
  memoryError,
  type SandboxError,
  type SandboxJsonValue,
  type SandboxResult,
  timeoutError,
} from "./sandbox-result";
import { acquireSandboxSlot, releaseSandboxSlot } from "./sandbox-slots";

export type RunPythonOptions = {
  /** Wall-clock limit for the program (not counting the interpreter's start); default 5 s. */
  timeoutMs?: number;
  /** Aborting (the Stop button, a spent budget) kills the interpreter. */
  signal?: AbortSignal;
};

const defaultTimeoutMs = 5_000;
const memoryPollMs = 50;
const maxOutputBytes = 64 * 1024;
/** How long an interpreter may take to load Pyodide before it counts as broken. */
const startTimeoutMs = 60_000;

// From the project root, as for the JavaScript sandbox's worker: Next.js bundles this module into
// .next/server chunks, and the runner is plain ESM that Node loads as-is.
const runnerPath = path.join(process.cwd(), "lib", "sandbox", "python-runner.mjs");
const pyodideDirectory = path.join(process.cwd(), "node_modules", "pyodide");

type RunnerMessage =
  | { type: "ready" }
  | ({ type: "result"; logs: string[]; durationMs: number } & (
      | { ok: true; result: SandboxJsonValue }
      | { ok: false; error: SandboxError }
    ));

/** One interpreter process: loaded (or loading) Pyodide, waiting for its one program. */
interface Interpreter {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  /** The next message after `ready` (the result), or undefined when the process ended first. */
  result: Promise<RunnerMessage | undefined>;
  stderr: string[];
}

/**
 * Starts an interpreter in its own process, locked down by Node's permission model: it reads only
 * Pyodide's folder and the runner, starts no processes or workers, generates no code from strings,
 * and inherits no environment (no API keys). See python-runner.mjs for what it removes itself.
 */
function startInterpreter(): Interpreter {
  const child = spawn(
    process.execPath,
    [
      "--permission",
      `--allow-fs-read=${pyodideDirectory}${path.sep}`,
      `--allow-fs-read=${runnerPath}`,
      "--disallow-code-generation-from-strings",
      "--max-old-space-size=256",
      runnerPath,
      pyodideDirectory,
    ],
    // Nothing of the server's environment (API keys, DATABASE_URL) reaches the interpreter.
    { env: {} as NodeJS.ProcessEnv, stdio: ["pipe", "pipe", "pipe"] },
  );
  const stderr: string[] = [];
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text: string) => {
    if (stderr.join("").length < 16_384) stderr.push(text);
  });
  const messages: RunnerMessage[] = [];
  const waiting: Array<(message: RunnerMessage | undefined) => void> = [];
  let buffered = "";
  let ended = false;
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (text: string) => {
    buffered += text;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim()) continue;
      let message: RunnerMessage;
      try {
        message = JSON.parse(line) as RunnerMessage;
      } catch {
        continue;
      }
      const waiter = waiting.shift();
      if (waiter) waiter(message);
      else messages.push(message);
    }
  });
  child.on("exit", () => {
    ended = true;
    for (const waiter of waiting.splice(0)) waiter(undefined);
  });
  child.on("error", () => {
    ended = true;
    for (const waiter of waiting.splice(0)) waiter(undefined);
  });
  const next = () =>
    new Promise<RunnerMessage | undefined>((resolve) => {
      const queued = messages.shift();
      if (queued) resolve(queued);
      else if (ended) resolve(undefined);
      else waiting.push(resolve);
    });
  // An idle interpreter never keeps the server (or a test run) from exiting.
  child.unref();
  const ready = next().then((message) => {
    if (message?.type !== "ready") throw new Error(`Python did not start: ${stderr.join("").slice(0, 500)}`);
  });
  ready.catch(() => {});
  return { child, ready, result: ready.then(next, () => undefined), stderr };
}

/** Warm interpreters, each used once: a call takes one and a fresh one starts in its place. */
class InterpreterPool {
  private readonly idle: Interpreter[] = [];

  constructor(private readonly size: () => number) {
    process.once("exit", () => {
      for (const interpreter of this.idle) interpreter.child.kill("SIGKILL");
    });
  }

  take(): Interpreter {
    const interpreter = this.idle.shift() ?? startInterpreter();
    this.refill();
    return interpreter;
  }

  refill(): void {
    while (this.idle.length < this.size()) {
      const interpreter = startInterpreter();
      this.idle.push(interpreter);
      // A broken one leaves the pool; the next call starts another.
      interpreter.ready.catch(() => this.idle.splice(this.idle.indexOf(interpreter), 1));
      interpreter.child.once("exit", () => {
        const index = this.idle.indexOf(interpreter);
        if (index >= 0) this.idle.splice(index, 1);
      });
    }
  }
}

function interpreterPool(): InterpreterPool {
  return processSingleton("python-pool", () => new InterpreterPool(() => getEnvironment().PYTHON_POOL_SIZE));
}

/** Starts the warm interpreters now, so the first Python call does not wait for one to load. */
export function warmPythonPool(): void {
  interpreterPool().refill();
}

async function residentMegabytes(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

const deniedPermissions: Record<string, string> = {
  ChildProcess: "start a process",
  WorkerThreads: "start a thread",
  FileSystemRead: "read a file of the server",
  FileSystemWrite: "write a file of the server",
};

/** Why an interpreter ended without a result, from what it printed. */
function describeCrash(stderr: string): SandboxError {
  const denied = /permission: '(\w+)'/.exec(stderr)?.[1];
  if (denied) {
    return {
      name: "PermissionError",
      message: `The code tried to ${deniedPermissions[denied] ?? "use something"} the sandbox does not allow (${denied}), and was stopped. Python here has its standard library and no access to the server, its files, processes or network.`,
    };
  }
  return { name: "SandboxError", message: "The Python sandbox stopped unexpectedly." };
}

/**
 * Runs untrusted Python (Pyodide, the standard library only) in a locked-down child process and
 * returns what it printed and the value of its last expression, in the JavaScript sandbox's shape.
 * The process is killed at the deadline, past PYTHON_MEMORY_MB of resident memory, or on abort; a
 * warm pool (PYTHON_POOL_SIZE) keeps the interpreter's start (seconds) out of the call.
 */
export async function runPython(code: string, options: RunPythonOptions = {}): Promise<SandboxResult> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const memoryLimitMb = getEnvironment().PYTHON_MEMORY_MB;
  if (!(await acquireSandboxSlot(options.signal))) {
    return { ok: false, error: abortedError, logs: [], durationMs: 0 };
  }
  const interpreter = interpreterPool().take();
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  try {
    const loaded = await Promise.race([
      interpreter.ready.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), startTimeoutMs).unref()),
    ]).catch(() => false);
    if (!loaded) {
      interpreter.child.kill("SIGKILL");
      return {
        ok: false,
        error: {
          name: "SandboxError",
          message: "The Python sandbox could not start. Try again, or use JavaScript.",
        },
        logs: [],
        durationMs: elapsed(),
      };
    }
    return await new Promise<SandboxResult>((resolve) => {
      let settled = false;
      const runStartedAt = performance.now();
      const finish = (result: SandboxResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        clearInterval(memoryWatch);
        options.signal?.removeEventListener("abort", onAbort);
        interpreter.child.kill("SIGKILL");
        resolve(result);
      };
      const fail = (error: SandboxError) =>
        finish({ ok: false, error, logs: [], durationMs: Math.round(performance.now() - runStartedAt) });
      const onAbort = () => fail(abortedError);
      if (options.signal?.aborted) return fail(abortedError);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      const deadline = setTimeout(() => fail(timeoutError(timeoutMs)), timeoutMs);
      const memoryWatch = setInterval(() => {
        void residentMegabytes(interpreter.child.pid).then((megabytes) => {
          if (megabytes > memoryLimitMb) fail(memoryError(memoryLimitMb * 1024 * 1024));
        });
      }, memoryPollMs);
      void interpreter.result.then((message) => {
        if (message?.type === "result") {
          const { type: _type, ...result } = message;
          return finish(result);
        }
        // Ended without a result: the deadline or memory kill got there first, or the code crashed it.
        setTimeout(() => fail(describeCrash(interpreter.stderr.join(""))), 20);
      });
      interpreter.child.stdin.write(`${JSON.stringify({ code, maxOutputBytes })}\n`);
    });
  } finally {
    releaseSandboxSlot();
  }
}
