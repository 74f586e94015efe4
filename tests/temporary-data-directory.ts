import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import { closeDatabaseForTests } from "@/lib/db/database";
import { resetEnvironmentForTests } from "@/lib/env";

/** Gives each test of the calling file a fresh DATA_DIR (and so a fresh metadata database). */
export function useTemporaryDataDirectory(environment: Record<string, string> = {}): void {
  let dataDirectory: string;
  beforeEach(() => {
    dataDirectory = mkdtempSync(path.join(tmpdir(), "trace-test-"));
    process.env.DATA_DIR = dataDirectory;
    Object.assign(process.env, environment);
    resetEnvironmentForTests();
    closeDatabaseForTests();
  });
  afterEach(() => {
    closeDatabaseForTests();
    for (const name of Object.keys(environment)) delete process.env[name];
    resetEnvironmentForTests();
    rmSync(dataDirectory, { recursive: true, force: true });
  });
}
