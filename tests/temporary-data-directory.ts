import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, inject } from "vitest";
import { closeDatabaseForTests, type DatabaseBackend } from "@/lib/db/database";
import { resetEnvironmentForTests } from "@/lib/env";
import { flushTraceWrites } from "@/lib/trace/telemetry";
import { createTestDatabase } from "./services/postgres-server";

/** The metadata backends every store is tested on: the embedded SQLite and a real PostgreSQL 15. */
export const databaseBackends: DatabaseBackend[] = ["sqlite", "postgres"];

/**
 * Gives each test of the calling file a fresh DATA_DIR and a fresh metadata database: the embedded
 * one in that folder, or (backend "postgres") a new database on the test run's PostgreSQL server.
 */
export function useTemporaryDataDirectory(
  environment: Record<string, string> = {},
  backend: DatabaseBackend = "sqlite",
): void {
  let dataDirectory: string;
  beforeEach(async () => {
    await flushTraceWrites();
    dataDirectory = mkdtempSync(path.join(tmpdir(), "trace-test-"));
    process.env.DATA_DIR = dataDirectory;
    Object.assign(process.env, environment);
    if (backend === "postgres") process.env.DATABASE_URL = await createTestDatabase(inject("postgresUrl"));
    else delete process.env.DATABASE_URL;
    resetEnvironmentForTests();
    await closeDatabaseForTests();
  });
  afterEach(async () => {
    // Span writes still queued belong to this test's database, not the next one's.
    await flushTraceWrites();
    await closeDatabaseForTests();
    for (const name of Object.keys(environment)) delete process.env[name];
    delete process.env.DATABASE_URL;
    resetEnvironmentForTests();
    rmSync(dataDirectory, { recursive: true, force: true });
  });
}
