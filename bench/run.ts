// Benchmarks print a ratio against a baseline measured in the same run, never absolute pass/fail times.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "agent-team-bench-"));

const { runOrchestrated, runRawStreamText } = await import("./orchestration.bench");

async function timeEach(run: () => Promise<void>, iterations: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < iterations; index++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

const median = (values: number[]) =>
  [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];

// Warm up both paths so module loading and JIT do not count, then interleave rounds so machine noise hits both.
await timeEach(runRawStreamText, 10);
await timeEach(runOrchestrated, 10);
const raw: number[] = [];
const orchestrated: number[] = [];
for (let round = 0; round < 10; round++) {
  raw.push(...(await timeEach(runRawStreamText, 10)));
  orchestrated.push(...(await timeEach(runOrchestrated, 10)));
}
const ratio = median(orchestrated) / median(raw);
console.log(`orchestration: manager → sub-agent → tool, median ${median(orchestrated).toFixed(2)} ms`);
console.log(
  `baseline: raw nested streamText, same model calls and tool, median ${median(raw).toFixed(2)} ms`,
);
console.log(`orchestration overhead ratio: ${ratio.toFixed(2)}× (target ≤ 1.5×)`);
