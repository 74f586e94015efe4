import dns from "node:dns";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvironmentForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { guardedFetch } from "./guarded-fetch";
import { type LocalServer, startLocalServer } from "./test-support/local-server";

let site: LocalServer;
let canary: LocalServer;

function allow(...entries: string[]) {
  process.env.WEB_FETCH_ALLOW = entries.join(",");
  resetEnvironmentForTests();
}

async function expectAppError(promise: Promise<unknown>, code: string, message: RegExp | string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (typeof message === "string") expect((error as AppError).message).toBe(message);
  else expect((error as AppError).message).toMatch(message);
}

beforeAll(async () => {
  canary = await startLocalServer((_request, response) => response.end("canary reached"));
  site = await startLocalServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://site");
    const step = Number(url.searchParams.get("step") ?? 0);
    switch (url.pathname) {
      case "/page":
        response.setHeader("content-type", "text/html; charset=utf-8");
        return response.end(`<title>Hello</title><p>host ${request.headers.host}</p>`);
      case "/to-private":
        return response.writeHead(302, { location: "http://10.0.0.5/secret" }).end();
      case "/to-canary":
        return response.writeHead(301, { location: `${canary.origin}/` }).end();
      case "/chain":
        if (step >= Number(url.searchParams.get("until") ?? Infinity)) return response.end("arrived");
        url.searchParams.set("step", String(step + 1));
        return response.writeHead(302, { location: `${url.pathname}${url.search}` }).end();
      case "/endless":
        response.setHeader("content-type", "text/plain");
        return writeForever(response, 64 * 1024, 0);
      case "/declared-large":
        return response.writeHead(200, { "content-type": "text/plain", "content-length": 10_000_000 }).end();
      case "/trickle":
        response.setHeader("content-type", "text/plain");
        return writeForever(response, 1, 100);
      case "/binary":
        return response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
      case "/slow":
        setTimeout(() => response.end("late but complete"), 200);
        return;
      case "/octet-pdf":
        return response.writeHead(200, { "content-type": "application/octet-stream" }).end("%PDF-1.4\n%fake");
      case "/zip":
        return response.writeHead(200, { "content-type": "application/zip" }).end("PK");
      case "/gzip":
        response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        return response.end(gzipSync(JSON.stringify({ compressed: true })));
      case "/post-then-see-other":
        return response.writeHead(303, { location: `${canary.origin}/after` }).end();
      default:
        return response.writeHead(404, { "content-type": "text/plain" }).end("not here");
    }
  });
});

function writeForever(response: import("node:http").ServerResponse, size: number, delayMs: number) {
  const write = () => {
    if (response.destroyed) return;
    response.write(Buffer.alloc(size, 97), () => setTimeout(write, delayMs));
  };
  write();
}

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
      "refused: 10.0.0.5 is a private address",
    );
    await expectAppError(
      guardedFetch(`${site.origin}/to-canary`),
      "web_refused",
      /127\.0\.0\.1 is a loopback/,
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
