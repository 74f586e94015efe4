import { runJavaScript } from "@/lib/sandbox/run-javascript";
import { compareMedians } from "./measure";

const limitMs = 300;

async function runTrivialSnippet() {
  const outcome = await runJavaScript("1 + 1");
  if (!outcome.ok) throw new Error(`the trivial snippet failed: ${outcome.error.message}`);
}

async function runEndlessLoop() {
  const outcome = await runJavaScript("let count = 0;\nwhile (true) { count++ }", { timeoutMs: limitMs });
  if (outcome.ok || outcome.error.name !== "TimeoutError")
    throw new Error("the endless loop was not stopped");
}

async function measureMemoryBomb(): Promise<{ heapGrowthMb: number; rssGrowthMb: number }> {
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  let heapPeak = heapBefore;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    heapPeak = Math.max(heapPeak, usage.heapUsed);
    rssPeak = Math.max(rssPeak, usage.rss);
  }, 5);
  await runJavaScript("const a = [];\nwhile (true) a.push(new Array(1e6).fill(1))", { timeoutMs: 10_000 });
  clearInterval(sampler);
  const megabytes = (bytes: number) => bytes / (1024 * 1024);
  return { heapGrowthMb: megabytes(heapPeak - heapBefore), rssGrowthMb: megabytes(rssPeak - rssBefore) };
}

/**
 * How fast the sandbox ends an endless loop past its time limit (issue bar: limit + 250 ms), against
 * a trivial snippet's whole run (worker start, QuickJS load, evaluation) as the baseline; and how
 * much a memory bomb grows the host.
 */
export async function benchmark() {
  const { baselineMs, candidateMs } = await compareMedians(runTrivialSnippet, runEndlessLoop, {
    rounds: 3,
    iterations: 3,
    warmup: 2,
  });
  const killLatencyMs = candidateMs - limitMs;
  console.log(`sandbox: endless loop with a ${limitMs} ms limit, median ${candidateMs.toFixed(1)} ms`);
  console.log(
    `baseline: trivial snippet (worker start + QuickJS + evaluation), median ${baselineMs.toFixed(1)} ms`,
  );
  console.log(
    `loop-kill latency past the limit: ${killLatencyMs.toFixed(1)} ms (${(killLatencyMs / baselineMs).toFixed(2)}× a trivial run; bar 250 ms)`,
  );
  const bomb = await measureMemoryBomb();
  console.log(
    `memory bomb: host heap +${bomb.heapGrowthMb.toFixed(1)} MB (bar 50 MB), process RSS +${bomb.rssGrowthMb.toFixed(1)} MB (the worker's capped WebAssembly memory)`,
  );
}
