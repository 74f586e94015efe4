import { describe, expect, it } from "vitest";
import { parseAllowedHosts } from "./host-names";
import { checkRequest, type GuardedRequest } from "./request-guard";

function request(method: string, pathname: string, headers: Record<string, string> = {}): GuardedRequest {
  return { method, pathname, headers: new Headers({ host: "127.0.0.1:3000", ...headers }) };
}

const noExtraHosts = parseAllowedHosts(undefined);

function refusalOf(guarded: GuardedRequest, allowed = noExtraHosts) {
  const refusal = checkRequest(guarded, allowed);
  return refusal && { status: refusal.status, code: refusal.code };
}

describe("host check (DNS rebinding)", () => {
  it.each([
    "127.0.0.1:3000",
    "127.0.0.1",
    "127.8.9.10:3000",
    "localhost:3000",
    "LOCALHOST",
    "app.localhost:3000",
    "[::1]:3000",
    "localhost.:3000",
  ])("serves the loopback host %s", (host) => {
    expect(refusalOf(request("GET", "/api/chats", { host }))).toBeUndefined();
  });

  it.each([
    "attacker.example:3000",
    "attacker.example",
    "127.0.0.1.attacker.example",
    "localhost.attacker.example:3000",
    "0.0.0.0:3000",
    "192.168.1.20:3000",
    "[::ffff:127.0.0.1]:3000",
    "",
    "a b",
    "127.0.0.1:3000@attacker.example",
  ])("refuses the host %j with 421 on APIs and pages alike", (host) => {
    for (const pathname of ["/api/chats", "/", "/_next/static/chunks/app.js"]) {
      expect(refusalOf(request("GET", pathname, { host }))).toEqual({
        status: 421,
        code: "misdirected_request",
      });
    }
  });

  it("refuses a request without a Host header", () => {
    expect(refusalOf({ method: "GET", pathname: "/", headers: new Headers() })?.status).toBe(421);
  });

  it("refuses a forwarded host the app does not serve, even when Host is loopback", () => {
    expect(refusalOf(request("GET", "/api/chats", { "x-forwarded-host": "attacker.example" }))?.status).toBe(
      421,
    );
  });

  it("serves names listed in ALLOWED_HOSTS, with their ports and subdomains", () => {
    const allowed = parseAllowedHosts("agents.example.com, 192.168.1.20:3000, .corp.example");
    const served = [
      "agents.example.com",
      "agents.example.com:8443",
      "192.168.1.20:3000",
      "corp.example",
      "a.b.corp.example",
    ];
    for (const host of served) expect(refusalOf(request("GET", "/", { host }), allowed)).toBeUndefined();
    const refused = ["evil-agents.example.com", "192.168.1.20:3001", "corp.example.evil", "xcorp.example"];
    for (const host of refused) expect(refusalOf(request("GET", "/", { host }), allowed)?.status).toBe(421);
  });

  it("checks the forwarded host the last proxy set against ALLOWED_HOSTS, not one the client added", () => {
    const allowed = parseAllowedHosts("agents.example.com");
    const appended = { "x-forwarded-host": "attacker.example, agents.example.com" };
    expect(refusalOf(request("GET", "/api/chats", appended), allowed)).toBeUndefined();
    const spoofed = { "x-forwarded-host": "localhost, attacker.example" };
    expect(refusalOf(request("GET", "/api/chats", spoofed), allowed)?.status).toBe(421);
  });

  it("names the variable when an entry is not a host", () => {
    expect(() => parseAllowedHosts("good.example, http://bad.example/")).toThrow(
      /ALLOWED_HOSTS: "http:\/\/bad.example\/"/,
    );
  });
});

describe("origin check (cross-site requests)", () => {
  it.each(["POST", "PUT", "PATCH", "DELETE", "post", "PROPFIND"])(
    "refuses %s from a foreign Origin with 403",
    (method) => {
      const refusal = refusalOf(request(method, "/api/documents", { origin: "http://attacker.example" }));
      expect(refusal).toEqual({ status: 403, code: "forbidden" });
    },
  );

  it.each(["cross-site", "same-site"])(
    "refuses a change whose Sec-Fetch-Site is %s, whatever the Origin says",
    (site) => {
      const headers = { origin: "http://127.0.0.1:3000", "sec-fetch-site": site };
      expect(refusalOf(request("DELETE", "/api/chats/a", headers))?.status).toBe(403);
    },
  );

  it("accepts a change from the app's own origin", () => {
    const headers = { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" };
    expect(refusalOf(request("DELETE", "/api/chats/a", headers))).toBeUndefined();
  });

  it.each([
    ["another port on the same host", "http://127.0.0.1:5173"],
    ["another loopback name", "http://localhost:3000"],
    ["another scheme's default port", "https://127.0.0.1"],
    ["an opaque origin", "null"],
    ["a non-web scheme", "file://"],
    ["garbage", "not a url"],
  ])("refuses an Origin of %s", (_label, origin) => {
    expect(refusalOf(request("POST", "/api/documents/reindex", { origin }))?.status).toBe(403);
  });

  it("accepts an opaque Origin only when the browser says the request is same-origin", () => {
    const headers = { origin: "null", "sec-fetch-site": "same-origin" };
    expect(refusalOf(request("POST", "/api/documents/reindex", headers))).toBeUndefined();
  });

  it("lets clients that send no Origin (curl, servers) change things", () => {
    expect(refusalOf(request("DELETE", "/api/documents/a"))).toBeUndefined();
    expect(refusalOf(request("POST", "/api/chat", { "content-type": "application/json" }))).toBeUndefined();
  });

  it("matches the origin against the forwarded host behind a proxy", () => {
    const allowed = parseAllowedHosts("agents.example.com");
    const headers = {
      host: "127.0.0.1:3000",
      "x-forwarded-host": "agents.example.com",
      origin: "https://agents.example.com",
    };
    expect(refusalOf(request("POST", "/api/documents", headers), allowed)).toBeUndefined();
    // nginx's $host drops the port: a page on :8443 still matches its forwarded name.
    expect(
      refusalOf(
        request("POST", "/api/documents", { ...headers, origin: "https://agents.example.com:8443" }),
        allowed,
      ),
    ).toBeUndefined();
    expect(
      refusalOf(
        request("POST", "/api/documents", { ...headers, origin: "https://other.example.com" }),
        allowed,
      )?.status,
    ).toBe(403);
  });

  it("lets a foreign page navigate to the app and read nothing cross-site from its APIs", () => {
    expect(
      refusalOf(request("GET", "/", { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" })),
    ).toBeUndefined();
    const subresource = { "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors" };
    expect(refusalOf(request("GET", "/api/images/a", subresource))?.status).toBe(403);
    expect(
      refusalOf(request("GET", "/api/images/a", { ...subresource, "sec-fetch-mode": "navigate" })),
    ).toBeUndefined();
  });
});

describe("chat body type", () => {
  it.each(["text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", ""])(
    "refuses POST /api/chat as %j with 415",
    (contentType) => {
      const headers: Record<string, string> = contentType ? { "content-type": contentType } : {};
      expect(refusalOf(request("POST", "/api/chat", headers))).toEqual({
        status: 415,
        code: "unsupported_media_type",
      });
    },
  );

  it("accepts JSON with parameters", () => {
    expect(
      refusalOf(request("POST", "/api/chat", { "content-type": "Application/JSON; charset=utf-8" })),
    ).toBeUndefined();
  });

  it("leaves other routes' body types to the routes", () => {
    expect(
      refusalOf(request("POST", "/api/documents", { "content-type": "multipart/form-data; boundary=x" })),
    ).toBeUndefined();
  });
});
