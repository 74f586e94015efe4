import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { guardRoute, isGuardedRoute } from "./guard-route";
import { resourceContentSecurityPolicy } from "./security-headers";

const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function routeFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name === "route.ts")
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("guardRoute", () => {
  it("refuses a foreign request without calling the handler or touching the body", async () => {
    let called = false;
    const handler = guardRoute(async (request: Request) => {
      called = true;
      return Response.json(await request.json());
    });
    const body = new ReadableStream({
      pull() {
        throw new Error("the body was read");
      },
    });
    const response = await handler(
      new Request("http://127.0.0.1:3000/api/chat", {
        method: "POST",
        headers: { origin: "http://attacker.example", "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: "forbidden" });
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(called).toBe(false);
  });

  it("refuses a foreign Host with 421", async () => {
    const handler = guardRoute(() => Response.json({ secret: true }));
    const response = await handler(new Request("http://attacker.example:3000/api/chats"));
    expect(response.status).toBe(421);
    expect(await response.text()).not.toContain("secret");
  });

  it("adds the security headers to the handler's answer", async () => {
    const plain = await guardRoute(() => Response.json({}))(new Request("http://127.0.0.1/api/chats"));
    expect(plain.headers.get("Content-Security-Policy")).toBe(resourceContentSecurityPolicy);
    expect(plain.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(plain.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});

describe("every API route", () => {
  const files = routeFiles(path.resolve(import.meta.dirname, "../../app"));

  it("is found", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => [path.relative(process.cwd(), file), file]))(
    "%s exports only guarded handlers",
    async (_name, file) => {
      const routeModule = (await import(file)) as Record<string, unknown>;
      const handlers = methods.filter((method) => method in routeModule);
      expect(handlers.length).toBeGreaterThan(0);
      for (const method of handlers) expect(isGuardedRoute(routeModule[method]), method).toBe(true);
    },
  );
});
