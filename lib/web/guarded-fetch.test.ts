import dns from "node:dns";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
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

describe("guardedFetch refusals", () => {
  it("refuses loopback when WEB_FETCH_ALLOW does not list it, without connecting", async () => {
    allow();
    await expectAppError(
      guardedFetch(`${canary.origin}/`),
      "web_refused",
      "refused: 127.0.0.1 is a loopback address",
    );
    await expectAppError(
      guardedFetch(`http://0x7f.1:${canary.port}/`),
      "web_refused",
      /127\.0\.0\.1 is a loopback/,
    );
    await expectAppError(guardedFetch(`http://2130706433:${canary.port}/`), "web_refused", /loopback/);
    await expectAppError(
      guardedFetch(`http://[::ffff:127.0.0.1]:${canary.port}/`),
      "web_refused",
      /embeds 127\.0\.0\.1/,
    );
    await expectAppError(
      guardedFetch(`http://localhost:${canary.port}/`),
      "web_refused",
      /\(localhost resolves to it\)/,
    );
    expect(canary.hits).toBe(0);
  });

  it("lists only the exact port: another loopback port stays refused", async () => {
    allow(`127.0.0.1:${site.port}`);
    await expectAppError(guardedFetch(`${canary.origin}/`), "web_refused", /loopback/);
    expect(canary.hits).toBe(0);
  });

  it("refuses other schemes and credentials in the URL", async () => {
    allow(`127.0.0.1:${canary.port}`);
    await expectAppError(guardedFetch("file:///etc/passwd"), "web_refused", /only http and https/);
    await expectAppError(
      guardedFetch(`http://user:secret@127.0.0.1:${canary.port}/`),
      "web_refused",
      /user name or password/,
    );
    expect(canary.hits).toBe(0);
  });

  it("checks every redirect hop", async () => {
    allow(`127.0.0.1:${site.port}`);
    await expectAppError(
      guardedFetch(`${site.origin}/to-private`),
      "web_refused",
      `refused: 10.0.0.5 is a private address (after a redirect from ${site.origin}/to-private)`,
    );
    await expectAppError(
      guardedFetch(`${site.origin}/to-canary`),
      "web_refused",
      /127\.0\.0\.1 is a loopback/,
    );
    await expectAppError(
      guardedFetch(`${site.origin}/to-file`),
      "web_refused",
      `refused: file addresses cannot be fetched; only http and https (after a redirect from ${site.origin}/to-file)`,
    );
    expect(canary.hits).toBe(0);
  });

  it("stops a redirect loop after 5 redirects", async () => {
    allow(`127.0.0.1:${site.port}`);
    await expectAppError(guardedFetch(`${site.origin}/chain`), "web_refused", /redirected more than 5 times/);
    expect(site.hits).toBe(6);
  });

  it("refuses content types it cannot read", async () => {
    allow(`127.0.0.1:${site.port}`);
    await expectAppError(guardedFetch(`${site.origin}/zip`), "web_refused", /is application\/zip; only HTML/);
    await expectAppError(
      guardedFetch(`${site.origin}/binary`),
      "web_refused",
      /is binary data of no declared type/,
    );
  });
});

describe("guardedFetch success", () => {
  it("fetches an allow-listed server and reports the final URL after redirects", async () => {
    allow(`127.0.0.1:${site.port}`);
    const response = await guardedFetch(`${site.origin}/chain?until=5`);
    expect(response.url).toBe(`${site.origin}/chain?until=5&step=5`);
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe("arrived");
    expect(response.contentType).toBe("text/plain");
  });

  it("pins the connection while keeping the host name in the Host header", async () => {
    allow(`localhost:${site.port}`);
    const response = await guardedFetch(`http://localhost:${site.port}/page`);
    expect(response.contentType).toBe("text/html; charset=utf-8");
    expect(response.body.toString()).toContain(`host localhost:${site.port}`);
  });

  it("sniffs a PDF served as application/octet-stream", async () => {
    allow(`127.0.0.1:${site.port}`);
    const response = await guardedFetch(`${site.origin}/octet-pdf`);
    expect(response.contentType).toBe("application/pdf");
  });

  it("connects to the address it checked, even if the name would now resolve elsewhere", async () => {
    allow(`127.0.0.1:${site.port}`);
    // The check sees 127.0.0.1 (allowed); any later lookup would see 10.0.0.1, a rebinding attempt.
    const checked = vi
      .spyOn(dns.promises, "lookup")
      .mockResolvedValue([{ address: "127.0.0.1", family: 4 }] as never);
    const rebound = vi
      .spyOn(dns, "lookup")
      .mockImplementation(((
        _host: string,
        _options: unknown,
        callback: (error: null, addresses: unknown) => void,
      ) => callback(null, [{ address: "10.0.0.1", family: 4 }])) as never);
    try {
      const response = await guardedFetch(`http://rebind.test:${site.port}/page`);
      expect(response.body.toString()).toContain(`host rebind.test:${site.port}`);
      expect(checked).toHaveBeenCalledTimes(1);
      expect(rebound).not.toHaveBeenCalled();
    } finally {
      checked.mockRestore();
      rebound.mockRestore();
    }
  });

  it("decompresses gzip bodies", async () => {
    allow(`127.0.0.1:${site.port}`);
    const response = await guardedFetch(`${site.origin}/gzip`);
    expect(JSON.parse(response.body.toString())).toEqual({ compressed: true });
  });

  it("turns POST into GET on 303 and drops caller headers on another origin", async () => {
    allow(`127.0.0.1:${site.port}`, `127.0.0.1:${canary.port}`);
    const response = await guardedFetch(`${site.origin}/post-then-see-other`, {
      method: "POST",
      headers: { authorization: "Bearer secret", "content-type": "application/json" },
      body: "{}",
    });
    expect(response.body.toString()).toBe("canary reached");
    const seen = canary.requests.at(-1);
    expect(seen?.method).toBe("GET");
    expect(seen?.headers.authorization).toBeUndefined();
  });

  it("returns error statuses with their body", async () => {
    allow(`127.0.0.1:${site.port}`);
    const response = await guardedFetch(`${site.origin}/missing`);
    expect(response.status).toBe(404);
    expect(response.body.toString()).toBe("not here");
  });
});
