// The app on PostgreSQL for the end-to-end tests: starts a throwaway PostgreSQL 15 server (see
// tests/services/postgres-server.ts), then `next start` with DATABASE_URL pointing at it, and stops both
// when it is stopped. Run as `node e2e/support/postgres-app-server.ts --port <port>`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const { createTestDatabase, startPostgres } = (await import(
  new URL("../../tests/services/postgres-server.ts", import.meta.url).href
)) as typeof import("../../tests/services/postgres-server");

const port = process.argv[process.argv.indexOf("--port") + 1];
const server = await startPostgres();
const databaseUrl = await createTestDatabase(server.url, "agent_team_e2e");
console.log(`PostgreSQL for the app at ${server.url} (database agent_team_e2e)`);

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const app = spawn(process.execPath, [nextBin, "start", "--port", port, "--hostname", "127.0.0.1"], {
  env: { ...process.env, DATABASE_URL: databaseUrl },
  stdio: "inherit",
});

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.kill("SIGTERM");
  await server.stop();
  process.exit(code);
}

app.on("exit", (code) => void stop(code ?? 1));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(0));
