import { defineConfig } from "@playwright/test";
import { getTestEnvironment } from "./e2e/support/test-ports";

const environment = getTestEnvironment();
const loopback = "127.0.0.1";
const webFixtures = `${loopback}:${environment.webPort}`;

function appServer(port: number, extraEnvironment: Record<string, string>, command?: string) {
  return {
    command: command ?? `npx next start --port ${port} --hostname ${loopback}`,
    url: `http://${loopback}:${port}/api/chats`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    env: {
      SEARXNG_URL: `http://${webFixtures}`,
      WEB_FETCH_ALLOW: webFixtures,
      // Short enough that the trickling-page test ends in seconds; the canary port is never allowed.
      WEB_FETCH_TIMEOUT_MS: "5000",
      OPENAI_API_KEY: "",
      ...extraEnvironment,
    },
  };
}

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    {
      name: "provider",
      testMatch: /provider\/.*\.spec\.ts/,
      use: { baseURL: `http://${loopback}:${environment.providerAppPort}` },
    },
    {
      name: "offline",
      testMatch: /offline\/.*\.spec\.ts/,
      use: { baseURL: `http://${loopback}:${environment.offlineAppPort}` },
    },
    {
      // Two replicas on one PostgreSQL and one Ceph RGW bucket, started by the specs themselves.
      name: "replicas",
      testMatch: /replicas\/.*\.spec\.ts/,
    },
    {
      // Specs that start an app of their own with their own configuration (run budgets, say).
      name: "private",
      testMatch: /private\/.*\.spec\.ts/,
    },
    {
      // The same offline specs against the app whose chats, documents, runs and traces are in PostgreSQL.
      name: "postgres",
      testMatch: /offline\/.*\.spec\.ts/,
      use: { baseURL: `http://${loopback}:${environment.postgresAppPort}` },
    },
  ],
  webServer: [
    {
      command: `node e2e/support/scripted-openai-server.ts --port ${environment.openAIPort}`,
      url: `http://${loopback}:${environment.openAIPort}/health`,
      reuseExistingServer: false,
    },
    {
      command: `node e2e/support/web-fixture-server.ts --port ${environment.webPort} --canary-port ${environment.canaryPort}`,
      url: `http://${webFixtures}/health`,
      reuseExistingServer: false,
    },
    appServer(environment.providerAppPort, {
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: `http://${loopback}:${environment.openAIPort}/v1`,
      CHAT_MODEL: "scripted-chat",
      EMBEDDING_MODEL: "scripted-embedding",
      IMAGE_MODEL: "scripted-image",
      DATA_DIR: environment.providerDataDir,
    }),
    appServer(environment.offlineAppPort, {
      DATA_DIR: environment.offlineDataDir,
      ALLOWED_HOSTS: "agents.test",
    }),
    appServer(
      environment.postgresAppPort,
      { DATA_DIR: environment.postgresDataDir, ALLOWED_HOSTS: "agents.test" },
      `node e2e/support/postgres-app-server.ts --port ${environment.postgresAppPort}`,
    ),
  ],
});
