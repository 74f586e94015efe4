import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvironmentForTests } from "@/lib/env";
import { guardedFetch } from "./guarded-fetch";
import { allowWebFetch as allow, expectAppError, startFetchFixtures } from "./test-support/fetch-fixtures";
import type { LocalServer } from "./test-support/local-server";

let site: LocalServer;
let canary: LocalServer;

beforeAll(async () => {
  ({ site, canary } = await startFetchFixtures());
});

afterEach(() => {
  canary.hits = 0;
  site.hits = 0;
});

afterAll(async () => {
  await Promise.all([site.close(), canary.close()]);
  delete process.env.WEB_FETCH_ALLOW;
  resetEnvironmentForTests();
});

describe("guardedFetch limits", () => {
  it("aborts an endless body at the byte cap", async () => {
    allow(`127.0.0.1:${site.port}`);
    await expectAppError(
      guardedFetch(`${site.origin}/endless`, { maxBytes: 256 * 1024 }),
      "web_refused",
      /larger than the 256 KB limit/,
    );
    await expectAppError(
      guardedFetch(`${site.origin}/declared-large`),
      "web_refused",
      /larger than the 5 MB limit/,
    );
  });

  it("takes its byte cap and total timeout from WEB_FETCH_MAX_BYTES and WEB_FETCH_TIMEOUT_MS", async () => {
    allow(`127.0.0.1:${site.port}`);
    process.env.WEB_FETCH_MAX_BYTES = String(128 * 1024);
    process.env.WEB_FETCH_TIMEOUT_MS = "300";
    resetEnvironmentForTests();
    try {
      await expectAppError(
        guardedFetch(`${site.origin}/endless`),
        "web_refused",
        /larger than the 128 KB limit/,
      );
      await expectAppError(
        guardedFetch(`${site.origin}/trickle`),
        "web_unreachable",
        /no complete answer within 0\.3 s/,
      );
    } finally {
      delete process.env.WEB_FETCH_MAX_BYTES;
      delete process.env.WEB_FETCH_TIMEOUT_MS;
      resetEnvironmentForTests();
    }
  });

  it("ends a trickling response at the total timeout", async () => {
    allow(`127.0.0.1:${site.port}`);
    const started = Date.now();
    await expectAppError(
      guardedFetch(`${site.origin}/trickle`, { totalTimeoutMs: 400 }),
      "web_unreachable",
      `could not reach 127.0.0.1:${site.port}: no complete answer within 0.4 s`,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("applies the connect timeout to connecting only, not to a slow answer", async () => {
    allow(`127.0.0.1:${site.port}`);
    const response = await guardedFetch(`${site.origin}/slow`, { connectTimeoutMs: 50 });
    expect(response.body.toString()).toBe("late but complete");
  });

  it("throws the caller's abort reason when the signal aborts", async () => {
    allow(`127.0.0.1:${site.port}`);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(guardedFetch(`${site.origin}/trickle`, { signal: controller.signal })).rejects.toMatchObject(
      {
        name: "AbortError",
      },
    );
  });
});
