// Runs one Python program in Pyodide, in a child process of its own (see run-python.ts). Pyodide
// inside a Node process is no sandbox by itself (os.system reaches child_process, pyodide_js can
// mount host folders), so the parent starts this process with an empty environment and Node's
// permission model: it may read only Pyodide's folder and this file, start no processes or workers,
// and generate no code from strings. The network, which the permission model does not cover, is
// taken away here before any user code runs. Plain ESM, loaded by Node as-is.
//
// Protocol: the process loads Pyodide, writes {"type":"ready"} as one line on stdout, reads one job
// ({ code, maxOutputBytes }) as one line on stdin, writes {"type":"result", ...} and exits. It is
// never reused: the next program gets a fresh interpreter.
import { constants } from "node:fs";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

const [pyodideDirectory] = process.argv.slice(2);

// Pyodide's file-system shim reads fs constants through process.binding, which the permission model
// refuses; give it those constants and nothing else.
Object.defineProperty(process, "binding", {
  value: (name) => {
    if (name === "constants") return { fs: constants };
    throw new Error("process.binding is not available in the sandbox");
  },
});

// No network: the permission model leaves it open, so the globals that reach it go before Pyodide
// loads (it keeps references to what it finds) and before any user code runs.
for (const name of [
  "fetch",
  "WebSocket",
  "EventSource",
  "XMLHttpRequest",
  "Request",
  "Response",
  "Headers",
]) {
  delete globalThis[name];
}

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

const output = { stdout: [], stderr: [], bytes: 0, truncated: false };
let maxOutputBytes = 64 * 1024;
const capture = (stream) => (line) => {
  if (output.truncated) return;
  output.bytes += Buffer.byteLength(line) + 1;
  if (output.bytes > maxOutputBytes) {
    output.truncated = true;
    output[stream].push(`… (output cut at ${Math.round(maxOutputBytes / 1024)} KB)`);
    return;
  }
  output[stream].push(line);
};

const { loadPyodide } = await import(pathToFileURL(`${pyodideDirectory}/pyodide.mjs`).href);
const pyodide = await loadPyodide({
  indexURL: `${pyodideDirectory}/`,
  env: { HOME: "/home/pyodide" },
  // `import js` sees an empty object, not this process's globals.
  jsglobals: Object.create(null),
  stdout: capture("stdout"),
  stderr: capture("stderr"),
  // Packages come only from Pyodide's own folder; nothing is ever downloaded.
  packageCacheDir: pyodideDirectory,
});
// Runs the program in globals of its own; returns its last expression as JSON-safe data, or the
// error with the line it happened on.
pyodide.runPython(`
import json, traceback
from pyodide.code import eval_code_async

def __sandbox_value(value):
    try:
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        return repr(value)

def __sandbox_error(error):
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == "<exec>":
            line = frame.lineno
    if isinstance(error, SyntaxError) and error.filename == "<exec>":
        line = error.lineno
    message = "".join(traceback.format_exception_only(type(error), error)).strip()
    if isinstance(error, ModuleNotFoundError):
        message += " (only Python's standard library is available in this sandbox; nothing can be installed)"
    return {"name": type(error).__name__, "message": message, "line": line}

async def __sandbox_run(code):
    program_globals = {"__name__": "__main__"}
    try:
        value = await eval_code_async(code, globals=program_globals, filename="<exec>")
        return {"ok": True, "result": __sandbox_value(value)}
    except BaseException as error:
        return {"ok": False, "error": __sandbox_error(error)}
`);
const runProgram = pyodide.globals.get("__sandbox_run");
// The program reaches no JavaScript: not Pyodide's own API (which can mount host folders), and
// `js` is an empty object.
pyodide.unregisterJsModule("pyodide_js");
pyodide.runPython(`
import sys
for name in [name for name in sys.modules if name == "pyodide_js" or name.startswith("pyodide_js.")]:
    del sys.modules[name]
`);
send({ type: "ready" });

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const job = JSON.parse(line);
  maxOutputBytes = job.maxOutputBytes ?? maxOutputBytes;
  const startedAt = performance.now();
  let result;
  try {
    const outcome = await runProgram(job.code);
    result = outcome.toJs({ dict_converter: Object.fromEntries });
    outcome.destroy();
  } catch (error) {
    result = { ok: false, error: { name: "SandboxError", message: String(error?.message ?? error) } };
  }
  send({
    type: "result",
    ...result,
    logs: [...output.stdout, ...output.stderr.map((text) => `stderr: ${text}`)],
    durationMs: Math.round(performance.now() - startedAt),
  });
  break;
}
process.exit(0);
