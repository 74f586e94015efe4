/** Times `run` several times and returns each duration in milliseconds. */
export async function timeEach(run: () => Promise<unknown>, iterations: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < iterations; index++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

export function median(values: number[]): number {
  return [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];
}

/**
 * Measures a candidate against a baseline in interleaved rounds, so machine noise hits both alike,
 * after a warm-up; returns both medians and their ratio.
 */
export async function compareMedians(
  baseline: () => Promise<unknown>,
  candidate: () => Promise<unknown>,
  { rounds = 10, iterations = 10, warmup = 10 } = {},
): Promise<{ baselineMs: number; candidateMs: number; ratio: number }> {
  await timeEach(baseline, warmup);
  await timeEach(candidate, warmup);
  const baselineTimes: number[] = [];
  const candidateTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    baselineTimes.push(...(await timeEach(baseline, iterations)));
    candidateTimes.push(...(await timeEach(candidate, iterations)));
  }
  const baselineMs = median(baselineTimes);
  const candidateMs = median(candidateTimes);
  return { baselineMs, candidateMs, ratio: candidateMs / baselineMs };
}
