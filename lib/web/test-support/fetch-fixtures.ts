import type { ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { expect } from "vitest";
import { resetEnvironmentForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { type LocalServer, startLocalServer } from "./local-server";

/** Sets WEB_FETCH_ALLOW for the next fetches. */
export function allowWebFetch(...entries: string[]) {
  process.env.WEB_FETCH_ALLOW = entries.join(",");
  resetEnvironmentForTests();
}

/** Expects `promise` to fail with an `AppError` of `code` whose message is (or matches) `message`. */
export async function expectAppError(promise: Promise<unknown>, code: string, message: RegExp | string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (typeof message === "string") expect((error as AppError).message).toBe(message);
  else expect((error as AppError).message).toMatch(message);
}

function writeForever(response: ServerResponse, size: number, delayMs: number) {
  const write = () => {
    if (response.destroyed) return;
    response.write(Buffer.alloc(size, 97), () => setTimeout(write, delayMs));
  };
  write();
}

/**
 * The servers the guarded-fetch tests fetch from: a site with redirects, endless, trickling,
 * compressed and unreadable bodies, and a canary that must stay unreached unless allowed.
 */
export async function startFetchFixtures(): Promise<{ site: LocalServer; canary: LocalServer }> {
  const canary = await startLocalServer((_request, response) => response.end("canary reached"));
  const site = await startLocalServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://site");
    const step = Number(url.searchParams.get("step") ?? 0);
    switch (url.pathname) {
      case "/page":
        response.setHeader("content-type", "text/html; charset=utf-8");
        return response.end(`<title>Hello</title><p>host ${request.headers.host}</p>`);
      case "/to-private":
        return response.writeHead(302, { location: "http://10.0.0.5/secret" }).end();
      case "/to-file":
        return response.writeHead(302, { location: "file:///etc/passwd" }).end();
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
  return { site, canary };
}
