// One throwaway PostgreSQL server per Vitest run; test files reach it with inject("postgresUrl") and
// take their own database from it with createTestDatabase.
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the run's PostgreSQL server; empty when TEST_POSTGRES=off. */
    postgresUrl: string;
  }
}

/**
 * Vitest global setup: starts the server before any test file and returns the teardown that stops it.
 * Set TEST_POSTGRES=off to skip the server (tests that need it should then skip themselves).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_POSTGRES === "off") {
    project.provide("postgresUrl", "");
    return async () => {};
  }
  const server = await startPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
