import { type APIRequestContext, expect } from "@playwright/test";
import { getTestEnvironment } from "../support/test-ports";

const { webPort, canaryPort } = getTestEnvironment();

/** What the endless fixture bodies sent, and how many of them are still open. */
export interface FixtureStats {
  streamedBytes: number;
  openStreams: number;
  trickledBytes: number;
}

/**
 * The loopback web the specs point the agent at (e2e/support/web-fixture-server.ts): the fixture
 * site, the one host:port WEB_FETCH_ALLOW lists, and the canary on a port it never lists, which
 * counts every request that reaches it.
 */
export class WebFixtures {
  static readonly site = `http://127.0.0.1:${webPort}`;
  static readonly canaryPort = canaryPort;
  static readonly canary = `http://127.0.0.1:${canaryPort}`;

  constructor(readonly request: APIRequestContext) {}

  /** Requests that reached the canary so far ("GET /path"), and whether it listens on [::1] too. */
  async canary(): Promise<{ paths: string[]; ipv6: boolean }> {
    const response = await this.request.get(`${WebFixtures.canary}/hits`);
    expect(response.ok()).toBe(true);
    return (await response.json()) as { paths: string[]; ipv6: boolean };
  }

  async canaryHits(): Promise<string[]> {
    return (await this.canary()).paths;
  }

  async stats(): Promise<FixtureStats> {
    return (await (await this.request.get(`${WebFixtures.site}/stats`)).json()) as FixtureStats;
  }
}
