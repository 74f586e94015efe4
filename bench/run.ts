// Runs every benchmark in bench/*.bench.ts. Each prints ratios against a baseline measured in the
// same run, never pass/fail times. `npm run bench -- orchestration` runs only the matching ones.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "agent-team-bench-"));

/** What a benchmark module exports. */
export interface BenchmarkModule {
  benchmark(): Promise<void>;
}

const filter = process.argv[2];
const directory = import.meta.dirname;
const files = readdirSync(directory)
  .filter((file) => file.endsWith(".bench.ts") && (!filter || file.includes(filter)))
  .sort();

for (const file of files) {
  console.log(`\n## ${file.replace(/\.bench\.ts$/, "")}`);
  const module = (await import(path.join(directory, file))) as BenchmarkModule;
  await module.benchmark();
}
