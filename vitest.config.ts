import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["{lib,agents,app,components,tests}/**/*.test.{ts,tsx}"],
    environment: "node",
    globalSetup: ["tests/services/postgres-global-setup.ts", "tests/services/ceph-rgw-global-setup.ts"],
    testTimeout: 20_000,
    server: { deps: { inline: ["server-only"] } },
    alias: { "server-only": path.resolve(import.meta.dirname, "tests/server-only-stub.ts") },
  },
});
