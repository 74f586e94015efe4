import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPython } from "./run-python";

// Escape attempts against the Python sandbox: host files, the environment, processes, the network,
// the JavaScript bridge, import hooks, threads, time and memory. Each must fail inside the sandbox,
// and nothing of the host (a secret in the environment, a marker file, a loopback canary) may show.
const secret = `canary-secret-${crypto.randomUUID()}`;
let canary: Server;
let canaryHits = 0;
let canaryPort = 0;
let markerDirectory = "";
const markerName = `marker-${crypto.randomUUID()}.txt`;

beforeAll(async () => {
  process.env.SANDBOX_CANARY_SECRET = secret;
  markerDirectory = mkdtempSync(path.join(tmpdir(), "python-escape-"));
  writeFileSync(path.join(markerDirectory, markerName), secret);
  canary = createServer((_request, response) => {
    canaryHits++;
    response.end(secret);
  });
  canary.on("connection", () => canaryHits++);
  await new Promise<void>((resolve) => canary.listen(0, "127.0.0.1", resolve));
  canaryPort = (canary.address() as AddressInfo).port;
});

afterAll(async () => {
  delete process.env.SANDBOX_CANARY_SECRET;
  rmSync(markerDirectory, { recursive: true, force: true });
  await new Promise((resolve) => canary.close(resolve));
});

/** Runs attempts in one program: each is an expression; its outcome is its value or the error. */
function harness(attempts: Record<string, string>): string {
  const lines = [
    "import sys, os",
    "outcomes = {}",
    "def attempt(name, run):",
    "    try:",
    "        outcomes[name] = 'ALLOWED: ' + repr(run())[:300]",
    "    except BaseException as error:",
    "        outcomes[name] = 'refused: ' + type(error).__name__ + ': ' + str(error)[:200]",
  ];
  for (const [name, expression] of Object.entries(attempts)) {
    lines.push(`attempt(${JSON.stringify(name)}, lambda: ${expression})`);
  }
  lines.push("outcomes");
  return lines.join("\n");
}

function expectNothingOfTheHost(text: string) {
  // The marker file holds the secret too: its content never shows, only its name in an error.
  expect(text).not.toContain(secret);
  expect(text).not.toContain("root:x:0:0");
  expect(text).not.toContain("next dev --hostname"); // the app's package.json
}

describe("the Python sandbox holds", { timeout: 120_000 }, () => {
  it("against reading the host's files, environment and the JavaScript bridge", async () => {
    const marker = path.join(markerDirectory, markerName);
    const attempts = {
      "read /etc/passwd": "open('/etc/passwd').read()",
      "read /proc/self/environ": "open('/proc/self/environ').read()",
      "read the marker file": `open(${JSON.stringify(marker)}).read()`,
      "list the marker folder": `os.listdir(${JSON.stringify(markerDirectory)})`,
      "list the host's /tmp": "os.listdir('/tmp')",
      "read the app's source": `open(${JSON.stringify(path.join(process.cwd(), "package.json"))}).read()`,
      "the environment": "dict(os.environ)",
      "getenv the secret": "os.getenv('SANDBOX_CANARY_SECRET')",
      "import pyodide_js": "__import__('pyodide_js')",
      "importlib pyodide_js": "__import__('importlib').import_module('pyodide_js')",
      "pyodide_js in sys.modules": "[name for name in sys.modules if 'pyodide_js' in name]",
      "js.process": "__import__('js').process",
      "js.require": "__import__('js').require",
      "js.globalThis": "__import__('js').globalThis",
      "js.fetch": "__import__('js').fetch",
      "js.Object.constructor": "__import__('js').Object.constructor",
      "run_js process.env":
        "__import__('pyodide.code', fromlist=['run_js']).run_js('process.env.SANDBOX_CANARY_SECRET')",
      "run_js require fs":
        "__import__('pyodide.code', fromlist=['run_js']).run_js(\"require('fs').readFileSync('/etc/passwd','utf8')\")",
      "the import hook's JS modules":
        "list(__import__('_pyodide._importhook', fromlist=['jsfinder']).jsfinder.jsproxies)",
      "a new thread": "__import__('threading').Thread(target=print).start()",
      ctypes: "__import__('ctypes').CDLL(None)",
      "write a host file": `open(${JSON.stringify(path.join(markerDirectory, "written.txt"))}, 'w').write('x')`,
    };
    const result = await runPython(harness(attempts), { timeoutMs: 20_000 });
    expect(result.ok).toBe(true);
    const outcomes = (result.ok ? result.result : {}) as Record<string, string>;
    expect(Object.keys(outcomes)).toEqual(Object.keys(attempts));
    const text = JSON.stringify(outcomes);
    expectNothingOfTheHost(text);
    const allowed = Object.entries(outcomes).filter(([, outcome]) => outcome.startsWith("ALLOWED"));
    // What may succeed only sees the sandbox's own in-memory world.
    expect(allowed.map(([name]) => name).sort()).toEqual(
      [
        "list the host's /tmp",
        "the environment",
        "pyodide_js in sys.modules",
        "getenv the secret",
        // ctypes loads libraries of the WebAssembly module only.
        "ctypes",
        "the import hook's JS modules",
      ].sort(),
    );
    expect(outcomes["getenv the secret"]).toBe("ALLOWED: None");
    expect(outcomes["pyodide_js in sys.modules"]).toBe("ALLOWED: []");
    expect(outcomes["the import hook's JS modules"]).not.toContain("pyodide_js");
    expect(outcomes["list the host's /tmp"]).toBe("ALLOWED: []");
    expect(outcomes["write a host file"]).toMatch(/^refused/);
  });

  it("against the network: sockets, urllib, http.client and fetch reach no loopback canary", async () => {
    const target = `127.0.0.1:${canaryPort}`;
    const attempts = {
      "socket connect": `__import__('socket').create_connection(('127.0.0.1', ${canaryPort}), 2)`,
      urllib: `__import__('urllib.request', fromlist=['urlopen']).urlopen('http://${target}/', timeout=2).read()`,
      "http.client": `(lambda c: (c.request('GET', '/'), c.getresponse().read()))(__import__('http.client', fromlist=['HTTPConnection']).HTTPConnection('${target}', timeout=2))`,
      "dns lookup": "__import__('socket').gethostbyname('localhost')",
    };
    const result = await runPython(harness(attempts), { timeoutMs: 20_000 });
    expect(result.ok).toBe(true);
    const outcomes = (result.ok ? result.result : {}) as Record<string, string>;
    for (const name of ["socket connect", "urllib", "http.client"])
      expect(outcomes[name]).toMatch(/^refused/);
    const fetched = await runPython(`import pyodide.http\nawait pyodide.http.pyfetch('http://${target}/')`, {
      timeoutMs: 20_000,
    });
    expect(fetched.ok).toBe(false);
    expectNothingOfTheHost(JSON.stringify([outcomes, fetched]));
    expect(canaryHits).toBe(0);
  });

  it.each([
    ["os.system", "import os\nos.system('id')"],
    ["subprocess", "import subprocess\nsubprocess.run(['id'])"],
    ["os.popen", "import os\nos.popen('id').read()"],
    ["os.fork", "import os\nos.fork()"],
    ["os.execv", "import os\nos.execv('/bin/sh', ['sh', '-c', 'id'])"],
  ])("against starting a process (%s)", async (_name, code) => {
    const result = await runPython(code, { timeoutMs: 20_000 });
    expect(result.ok).toBe(false);
    expectNothingOfTheHost(JSON.stringify(result));
    // The next program runs as usual.
    expect(await runPython("1 + 1")).toMatchObject({ ok: true, result: 2 });
  });

  it("against hogging time and the stack", async () => {
    expect(await runPython("import time\ntime.sleep(60)", { timeoutMs: 1000 })).toMatchObject({
      ok: false,
      error: { name: "TimeoutError" },
    });
    const deep = await runPython(
      "import sys\nsys.setrecursionlimit(10**6)\ndef f(n): return f(n + 1)\nf(0)",
      {
        timeoutMs: 5_000,
      },
    );
    expect(deep.ok).toBe(false);
  });
});
