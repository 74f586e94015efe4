import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { closeDatabaseForTests } from "@/lib/db/database";
import { resetEnvironmentForTests } from "@/lib/env";
import { closeKnowledgeStoreForTests } from "@/lib/kb/store";
import { flushTraceWrites } from "@/lib/trace/telemetry";

/** A whole number from an environment variable, or the default. */
export function sizeFromEnvironment(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** A list of whole numbers from an environment variable ("10000,100000"), or the defaults. */
export function sizesFromEnvironment(name: string, fallback: number[]): number[] {
  const values = (process.env[name] ?? "")
    .split(",")
    .map(Number)
    .filter((value) => Number.isInteger(value) && value > 0);
  return values.length > 0 ? values : fallback;
}

/**
 * Runs a benchmark in its own folder under the benchmark DATA_DIR, on the offline embeddings (so runs
 * are comparable and need no network), with `environment` on top (DATABASE_URL, STORAGE_URL…), and
 * closes everything afterwards.
 */
export async function inKnowledgeDirectory<Result>(
  name: string,
  run: () => Promise<Result>,
  environment: Record<string, string> = {},
): Promise<Result> {
  const saved = { ...process.env };
  const root = process.env.DATA_DIR ?? ".";
  const directory = path.join(root, `kb-${name}-${Date.now()}`);
  mkdirSync(directory, { recursive: true });
  process.env.DATA_DIR = directory;
  delete process.env.OPENAI_API_KEY;
  Object.assign(process.env, environment);
  resetEnvironmentForTests();
  await closeDatabaseForTests();
  try {
    return await run();
  } finally {
    await flushTraceWrites();
    await closeKnowledgeStoreForTests();
    await closeDatabaseForTests();
    process.env = saved;
    resetEnvironmentForTests();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The value below which `share` of the sorted values lie. */
export function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}
