import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Ports and data folders of one test run, shared by the runner and its workers through the environment. */
export interface TestEnvironment {
  openAIPort: number;
  webPort: number;
  /** A loopback server the web agent must never reach (not in WEB_FETCH_ALLOW); it counts hits. */
  canaryPort: number;
  providerAppPort: number;
  offlineAppPort: number;
  /** The offline app again, with its metadata in a throwaway PostgreSQL 15 server. */
  postgresAppPort: number;
  providerDataDir: string;
  offlineDataDir: string;
  postgresDataDir: string;
}

const findFreePorts = `
const net = require("node:net");
const ports = [];
(async () => {
  for (let i = 0; i < 6; i++) {
    ports.push(await new Promise((resolve) => {
      const server = net.createServer();
      server.listen(0, "127.0.0.1", () => { const { port } = server.address(); server.close(() => resolve(port)); });
    }));
  }
  process.stdout.write(JSON.stringify(ports));
})();`;

/** Picks free loopback ports and fresh data folders once per run (the config is loaded by every worker). */
export function getTestEnvironment(): TestEnvironment {
  if (process.env.E2E_ENVIRONMENT) return JSON.parse(process.env.E2E_ENVIRONMENT) as TestEnvironment;
  const [openAIPort, webPort, canaryPort, providerAppPort, offlineAppPort, postgresAppPort] = JSON.parse(
    execFileSync(process.execPath, ["-e", findFreePorts], { encoding: "utf8" }),
  ) as number[];
  const root = mkdtempSync(path.join(tmpdir(), "agent-team-e2e-"));
  const environment: TestEnvironment = {
    openAIPort,
    webPort,
    canaryPort,
    providerAppPort,
    offlineAppPort,
    postgresAppPort,
    providerDataDir: path.join(root, "provider"),
    offlineDataDir: path.join(root, "offline"),
    postgresDataDir: path.join(root, "postgres"),
  };
  process.env.E2E_ENVIRONMENT = JSON.stringify(environment);
  return environment;
}

/** DATA_DIR of the app that a project's specs drive (the offline specs run on SQLite and on PostgreSQL). */
export function dataDirectoryOf(projectName: string): string {
  const environment = getTestEnvironment();
  if (projectName === "postgres") return environment.postgresDataDir;
  return projectName === "provider" ? environment.providerDataDir : environment.offlineDataDir;
}
