import { test as base } from "@playwright/test";
import { PrivateAppServer } from "./private-app-server";

/**
 * Tests that stop, crash and restart the app: each gets its own `appServer` (not started yet), and
 * `page` and `request` point at it, on a port that stays the same across its restarts.
 */
export const test = base.extend<{ appServer: PrivateAppServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  appServer: async ({}, use) => {
    const server = await PrivateAppServer.create();
    try {
      await use(server);
    } finally {
      await server.dispose();
    }
  },
  baseURL: async ({ appServer }, use) => {
    await use(appServer.url);
  },
});

export { expect } from "@playwright/test";
