import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runJavaScript } from "./run-javascript";
import { sandboxHelperNames } from "./sandbox-helper-catalog";

type Payload = { name: string; code: string; expected?: unknown };

// Each payload tries to reach the host: its process, modules, environment, network, timers or
// prototypes. `expected` pins the value the sandbox must produce where there is exactly one.
const payloads: Payload[] = [
  { name: "typeof process", code: "typeof process", expected: "undefined" },
  { name: "typeof require", code: "typeof require", expected: "undefined" },
  { name: "typeof fetch", code: "typeof fetch", expected: "undefined" },
  {
    name: "CommonJS globals",
    code: "[typeof module, typeof exports, typeof __dirname, typeof __filename].join()",
    expected: "undefined,undefined,undefined,undefined",
  },
  {
    name: "timers",
    code: "[typeof setTimeout, typeof setInterval, typeof setImmediate, typeof queueMicrotask].join()",
    expected: "undefined,undefined,undefined,undefined",
  },
  { name: "WebAssembly", code: "typeof WebAssembly", expected: "undefined" },
  {
    name: "other runtimes",
    code: "[typeof Deno, typeof Bun, typeof navigator, typeof std, typeof os, typeof Buffer].join()",
    expected: "undefined,undefined,undefined,undefined,undefined,undefined",
  },
  { name: "constructor.constructor", code: "constructor.constructor('return process')()" },
  {
    name: "this.constructor.constructor",
    code: "this.constructor.constructor('return typeof process')()",
    expected: "undefined",
  },
  {
    name: "Function returning this",
    code: "typeof Function('return this')().process",
    expected: "undefined",
  },
  {
    name: "new Function globalThis.require",
    code: "typeof new Function('return globalThis')().require",
    expected: "undefined",
  },
  {
    name: "console.log constructor",
    code: "console.log.constructor('return typeof process')()",
    expected: "undefined",
  },
  {
    name: "console object prototype",
    code: "Object.getPrototypeOf(console).constructor.constructor('return typeof require')()",
    expected: "undefined",
  },
  {
    name: "error constructor chain",
    code: "try { null.f() } catch (error) { error.constructor.constructor('return process')() }",
  },
  {
    name: "async function constructor",
    code: "Object.getPrototypeOf(async function () {}).constructor('return typeof process')()",
    expected: "undefined",
  },
  {
    name: "generator function constructor",
    code: "Object.getPrototypeOf(function* () {}).constructor('yield typeof require')().next().value",
    expected: "undefined",
  },
  {
    name: "global names",
    code: "const hostNames = ['process', 'require', 'fetch', 'module', 'Buffer', 'WebAssembly', 'importScripts', 'XMLHttpRequest', 'global'];\nReflect.ownKeys(globalThis).map(String).filter((key) => hostNames.includes(key))",
    expected: [],
  },
  {
    name: "prototype chain walk",
    code: "const names = []; let link = globalThis; while (link) { names.push(...Object.getOwnPropertyNames(link)); link = Object.getPrototypeOf(link) } names.includes('process') || names.includes('require')",
    expected: false,
  },
  {
    name: "reading the environment",
    code: "try { process.env.SANDBOX_CANARY } catch (error) { error.message }",
  },
  {
    name: "Error.prepareStackTrace",
    code: "Error.prepareStackTrace = (error, frames) => frames.map((frame) => typeof frame.getThis); String(new Error('probe').stack)",
  },
  {
    name: "Error.captureStackTrace",
    code: "typeof Error.captureStackTrace === 'function' ? Error.captureStackTrace({}) : 'absent'",
  },
  {
    name: "Object.prototype pollution",
    code: "Object.prototype.sandboxPolluted = 'yes'; ({}).sandboxPolluted",
    expected: "yes",
  },
  {
    name: "__proto__ pollution",
    code: "({}).__proto__.sandboxProto = 'yes'; Array.prototype.sandboxArray = 'yes'; JSON.parse('{\"__proto__\": {\"sandboxJson\": 1}}')",
  },
  { name: "dynamic import of fs", code: "import('fs').then((fs) => fs.readFileSync('/etc/passwd', 'utf8'))" },
  {
    name: "dynamic import of child_process",
    code: "const cp = await import('node:child_process'); cp.execSync('id').toString()",
  },
  { name: "eval", code: "eval('typeof process + typeof require')", expected: "undefinedundefined" },
  { name: "indirect eval", code: "(0, eval)('this.process')" },
  { name: "SharedArrayBuffer", code: "new Int32Array(new SharedArrayBuffer(16)).length", expected: 4 },
  { name: "Atomics.wait", code: "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000)" },
  { name: "function caller", code: "(function probe() { return String(probe.caller) })()" },
  {
    name: "getter on the result",
    code: "({ get leak() { return typeof process } })",
    expected: { leak: "undefined" },
  },
  { name: "toJSON on the result", code: "({ toJSON() { return typeof require } })", expected: "undefined" },
  {
    name: "Symbol.for inspect hook",
    code: "({ [Symbol.for('nodejs.util.inspect.custom')]: () => 'hook', value: 1 })",
    expected: { value: 1 },
  },
  {
    name: "Proxy as the result",
    code: "new Proxy({}, { get: () => { throw new Error('trap') }, ownKeys: () => { throw new Error('trap') } })",
  },
  { name: "replacing JSON.stringify", code: "JSON.stringify = () => { while (true) {} }; ({ a: 1 })" },
  {
    name: "worker globals",
    code: "[typeof postMessage, typeof self, typeof close, typeof onmessage, typeof importScripts, typeof workerData].join()",
    expected: "undefined,undefined,undefined,undefined,undefined,undefined",
  },
  {
    name: "host clocks and crypto",
    code: "[typeof performance, typeof crypto, typeof globalThis.process?.hrtime].join()",
    expected: "undefined,undefined,undefined",
  },
  { name: "static import", code: "import fs from 'fs';\nfs.readFileSync('/etc/passwd', 'utf8')" },
  { name: "import.meta", code: "import.meta.url" },
  {
    name: "helper constructor chain",
    code: "stats.mean.constructor('return typeof process + typeof require')()",
    expected: "undefinedundefined",
  },
  {
    name: "helper prototype pollution",
    code: "Object.getPrototypeOf(csv.parse).polluted = 'yes'; Function.prototype.call = () => 'hijacked'; csv.parse('a\\n1')",
  },
  {
    name: "String.prototype pollution",
    code: "String.prototype.includes = () => true; String.prototype.sandboxString = 'yes'; 'abc'.includes('z')",
    expected: true,
  },
  {
    name: "console argument that loops while printed",
    code: "console.log({ toJSON() { while (true) {} } })",
  },
  {
    name: "thrown object whose getters never return",
    code: "throw { get name() { while (true) {} }, get message() { while (true) {} } }",
  },
  { name: "Date.now override", code: "Date.now = () => 0; while (true) {}" },
  {
    name: "environment through a caught error's stack",
    code: "try { undefinedFunction() } catch (error) { String(error.stack) + Object.keys(globalThis).join() }",
  },
];

const canary = `canary-${crypto.randomUUID()}`;

function hostLooksClean() {
  const probe: Record<string, unknown> = {};
  expect(probe.sandboxPolluted).toBeUndefined();
  expect(probe.sandboxProto).toBeUndefined();
  expect(probe.sandboxJson).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).sandboxArray).toBeUndefined();
  expect(("" as unknown as Record<string, unknown>).sandboxString).toBeUndefined();
  expect("abc".includes("z")).toBe(false);
  expect((Function.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect(Math.max.call(null, 1, 2)).toBe(2);
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("sandboxPolluted");
}

describe("sandbox escape corpus", () => {
  beforeAll(() => {
    process.env.SANDBOX_CANARY = canary;
  });
  afterAll(() => {
    delete process.env.SANDBOX_CANARY;
  });

  it.each(payloads)("$name stays inside the sandbox", async ({ code, expected }) => {
    const outcome = await runJavaScript(code, { timeoutMs: 1_000, helpers: sandboxHelperNames });
    const serialized = JSON.stringify(outcome);
    expect(serialized).not.toContain(canary);
    expect(serialized).not.toContain(process.cwd());
    expect(serialized).not.toMatch(/uid=\d+|root:x:0/);
    if (expected !== undefined) expect(outcome).toMatchObject({ ok: true, result: expected });
    hostLooksClean();
  });

  it("runs each snippet in a fresh context", async () => {
    await runJavaScript("globalThis.leftOver = 'from an earlier run'; Object.prototype.shared = 1");
    expect(await runJavaScript("[typeof leftOver, typeof ({}).shared]")).toMatchObject({
      ok: true,
      result: ["undefined", "undefined"],
    });
  });

  it("has at least 25 payloads", () => {
    expect(payloads.length).toBeGreaterThanOrEqual(25);
  });
});
