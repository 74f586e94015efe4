// The Python sandbox (Pyodide in a locked-down child process, lib/sandbox/run-python.ts): a warm-pool
// call's round trip against the JavaScript sandbox's on the same trivial program; a cold start (no
// warm interpreter); how soon an endless loop ends past its limit (target ≤ limit + 250 ms); and how
// much the host grows while a memory bomb runs in the child (target: host heap + < 50 MB).
import { resetEnvironmentForTests } from "@/lib/env";
import { runJavaScript } from "@/lib/sandbox/run-javascript";
import { runPython, warmPythonPool } from "@/lib/sandbox/run-python";
import { median } from "./measure";

const limitMs = 1000;
const rounds = 8;

async function settle(ms: number) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function warmCall(): Promise<number> {
  // The pool's next interpreter has loaded before the call, as between a user's calls.
  warmPythonPool();
  await settle(4000);
  return timed(async () => {
    const outcome = await runPython("1 + 1");
    if (!outcome.ok) throw new Error(`the trivial program failed: ${outcome.error.message}`);
  });
}

export async function benchmark() {
  process.env.PYTHON_POOL_SIZE = "0";
  resetEnvironmentForTests();
  const cold: number[] = [];
  for (let round = 0; round < 3; round++) cold.push(await timed(() => runPython("1 + 1")));
  process.env.PYTHON_POOL_SIZE = "1";
  resetEnvironmentForTests();
  const javascript: number[] = [];
  for (let round = 0; round < rounds; round++) javascript.push(await timed(() => runJavaScript("1 + 1")));
  const python: number[] = [];
  for (let round = 0; round < rounds; round++) python.push(await warmCall());
  console.log(
    `python warm call: median ${median(python).toFixed(1)} ms; javascript: ${median(javascript).toFixed(1)} ms (${(median(python) / median(javascript)).toFixed(2)}×); python cold start: median ${median(cold).toFixed(0)} ms`,
  );

  const kills: number[] = [];
  for (let round = 0; round < 3; round++) {
    warmPythonPool();
    await settle(4000);
    kills.push(await timed(() => runPython("while True:\n  pass", { timeoutMs: limitMs })));
  }
  console.log(
    `endless loop ended after median ${median(kills).toFixed(0)} ms for a ${limitMs} ms limit (+${(median(kills) - limitMs).toFixed(0)} ms; target ≤ +250 ms)`,
  );

  warmPythonPool();
  await settle(4000);
  const before = process.memoryUsage();
  let heapPeak = before.heapUsed;
  let rssPeak = before.rss;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    heapPeak = Math.max(heapPeak, usage.heapUsed);
    rssPeak = Math.max(rssPeak, usage.rss);
  }, 5);
  const bomb = await runPython("chunks = []\nwhile True:\n  chunks.append(bytearray(10**7))", {
    timeoutMs: 30_000,
  });
  clearInterval(sampler);
  const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
  console.log(
    `memory bomb: ${bomb.ok ? "not stopped" : bomb.error.name}; host heap +${megabytes(heapPeak - before.heapUsed)} MB, host RSS +${megabytes(rssPeak - before.rss)} MB (target < 50 MB)`,
  );
  delete process.env.PYTHON_POOL_SIZE;
  resetEnvironmentForTests();
}
