// Runs one snippet of untrusted JavaScript in QuickJS (WebAssembly) and posts the outcome back.
// This file is plain ESM, not TypeScript, so that Node can start it as a worker as-is, both under
// Vitest and under the Next.js server (which never bundles it): see run-javascript.ts.
import { parentPort, workerData } from "node:worker_threads";
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  RELEASE_SYNC,
  shouldInterruptAfterDeadline,
} from "quickjs-emscripten";
import { helperSource } from "./helpers/index.mjs";
import { createLogCollector, installConsole, readResult } from "./sandbox-values.mjs";

const snippetFileName = "snippet.js";
const helpersFileName = "helpers.js";
const wasmPageBytes = 64 * 1024;
// QuickJS needs room beyond the script's own allocations (its runtime, the C stack, free-list slack).
const wasmHeadroomBytes = 32 * 1024 * 1024;
// The wasm frames of deep recursion live on this thread's native stack; keep QuickJS's own
// stack check well below the worker's stackSizeMb so QuickJS throws before V8 does.
const quickJsStackBytes = 1024 * 1024;

const { code, timeoutMs, memoryLimitBytes, helpers = [] } = workerData;

/** A hard cap on the WebAssembly memory itself: QuickJS's allocator fails instead of growing the host. */
function createCappedMemory() {
  const initialPages = 256;
  const maximumPages = Math.max(
    initialPages * 2,
    Math.ceil((memoryLimitBytes + wasmHeadroomBytes) / wasmPageBytes),
  );
  return new WebAssembly.Memory({ initial: initialPages, maximum: maximumPages });
}

function describeThrown(thrown) {
  if (!thrown || typeof thrown !== "object") return { name: "Error", message: `Uncaught ${String(thrown)}` };
  const name = typeof thrown.name === "string" ? thrown.name : "Error";
  const message = typeof thrown.message === "string" ? thrown.message : JSON.stringify(thrown);
  const stackLine = /snippet\.js:(\d+)/.exec(String(thrown.stack ?? ""))?.[1];
  const line = typeof thrown.lineNumber === "number" ? thrown.lineNumber : Number(stackLine) || undefined;
  return line === undefined ? { name, message } : { name, message, line };
}

function classifyViolation(error) {
  if (error.name !== "InternalError") return undefined;
  if (error.message === "interrupted") return "timeout";
  if (error.message === "out of memory") return "memory";
  return undefined;
}

// When even the "out of memory" error cannot be allocated, QuickJS throws null (or an empty string) instead. Lifting the
// limit a little (the WebAssembly memory stays capped) lets us measure whether that is what happened.
function isOutOfMemory(runtime, context) {
  runtime.setMemoryLimit(memoryLimitBytes + wasmHeadroomBytes / 2);
  const usage = context.dump(runtime.computeMemoryUsage());
  return usage?.malloc_size >= memoryLimitBytes * 0.9;
}

function failure(runtime, context, errorHandle) {
  const thrown = context.dump(errorHandle);
  const error = describeThrown(thrown);
  // Out of memory, QuickJS may throw null, or a value it could not finish building (an empty string).
  const thrownNothing = thrown === null || thrown === undefined || thrown === "";
  const violation =
    classifyViolation(error) ?? (thrownNothing && isOutOfMemory(runtime, context) ? "memory" : undefined);
  return { ok: false, error, violation };
}

// `return` and `await` are not allowed at the top level of a script; such snippets run as the body
// of an async function instead, on the same first line so that line numbers still match.
// The helpers are evaluated under their own file name, so the snippet's line numbers stay its own.
function installHelpers(context) {
  for (const name of helpers) {
    const source = helperSource(name);
    if (!source) throw new Error(`There is no sandbox helper named "${name}".`);
    context.unwrapResult(context.evalCode(source, helpersFileName, { type: "global" }));
  }
}

function evaluateSnippet(context) {
  const asScript = context.evalCode(code, snippetFileName, { type: "global" });
  if (!asScript.error || !/\b(return|await)\b/.test(code)) return asScript;
  const scriptError = context.dump(asScript.error);
  if (scriptError?.name !== "SyntaxError") return asScript;
  const asFunction = context.evalCode(`(async () => {${code}\n})()`, snippetFileName, { type: "global" });
  return asFunction.error ? asScript : asFunction;
}

function settle(runtime, context, valueHandle) {
  const jobs = runtime.executePendingJobs();
  if (jobs.error) return failure(runtime, context, jobs.error);
  const state = context.getPromiseState(valueHandle);
  if (state.notAPromise) return { ok: true, handle: valueHandle };
  if (state.type === "pending") {
    const message = "The code's promise never settled: the sandbox has no timers, network or files.";
    return { ok: false, error: { name: "Error", message } };
  }
  if (state.type === "rejected") return failure(runtime, context, state.error);
  return { ok: true, handle: state.value };
}

// Nothing is disposed: this worker runs one snippet and then ends, which frees the whole heap,
// even when an out-of-memory error has left QuickJS in a state where disposing would fail.
function execute(module, logs) {
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(memoryLimitBytes);
  runtime.setMaxStackSize(quickJsStackBytes);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + timeoutMs));
  const context = runtime.newContext();
  installConsole(context, logs);
  installHelpers(context);
  const evaluated = evaluateSnippet(context);
  const outcome = evaluated.error
    ? failure(runtime, context, evaluated.error)
    : settle(runtime, context, evaluated.value);
  if (!outcome.ok) return { ...outcome, logs: logs.lines };
  return { ok: true, result: readResult(context, outcome.handle), logs: logs.lines };
}

// A wasm trap or a host-side failure while the snippet runs is still the snippet's doing; say what it was.
function describeCrash(error) {
  const message = error instanceof Error ? error.message : String(error);
  if (/call stack/i.test(message)) return { name: "InternalError", message: "stack overflow" };
  if (/memory/i.test(message)) return { name: "InternalError", message: "out of memory" };
  return { name: "SandboxError", message };
}

// Failing to load QuickJS is not the snippet's fault: that error is left uncaught, so the host
// sees the worker fail and reports a broken sandbox instead of blaming the code.
const module = await newQuickJSWASMModuleFromVariant(
  newVariant(RELEASE_SYNC, { wasmMemory: createCappedMemory() }),
);
const logs = createLogCollector();
try {
  parentPort.postMessage(execute(module, logs));
} catch (error) {
  const described = describeCrash(error);
  parentPort.postMessage({
    ok: false,
    error: described,
    violation: classifyViolation(described),
    logs: logs.lines,
  });
}
