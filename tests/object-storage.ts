import { afterAll, beforeAll } from "vitest";
import { type CephRgwServer, objectStorageEnvironment, startCephRgw } from "./services/ceph-rgw-server";

/** Whether this run has Ceph RGW (TEST_CEPH=off skips every object-storage test). */
export const objectStorageAvailable = process.env.TEST_CEPH !== "off";

/**
 * Starts a throwaway Ceph RGW for the calling file (beforeAll) and stops it afterwards. Call
 * `environment(prefix)` inside a test (or a beforeEach) for the variables that put the app's
 * stored files and LanceDB tables under `s3://<bucket>/<prefix>` on it.
 */
export function useObjectStorage(): {
  environment(prefix: string): Record<string, string>;
  server(): CephRgwServer;
} {
  let server: CephRgwServer | undefined;
  beforeAll(async () => {
    server = await startCephRgw();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  const running = () => {
    if (!server) throw new Error("Ceph RGW is not running (did beforeAll fail?).");
    return server;
  };
  return {
    server: running,
    environment: (prefix) => objectStorageEnvironment(running(), prefix),
  };
}
