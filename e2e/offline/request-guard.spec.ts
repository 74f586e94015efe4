import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { ChatApi } from "../pages/chat-api";
import { ChatPage } from "../pages/chat-page";
import { KnowledgeApi } from "../pages/knowledge-api";
import { rawRequest } from "../support/raw-http";

const attackerOrigin = "http://attacker.example";

function chatBody(chatId: string, text: string): string {
  return JSON.stringify({
    id: chatId,
    trigger: "submit-message",
    messages: [{ id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] }],
  });
}

async function traceCount(request: import("@playwright/test").APIRequestContext): Promise<number> {
  const response = await request.get("/api/traces?limit=500");
  return ((await response.json()) as { traces: unknown[] }).traces.length;
}

test("a page rebound to the app's address reads nothing: every route and page answers 421", async ({
  request,
  baseURL,
}) => {
  const run = await new ChatApi(request).ask("Calculate 17 * 23");
  // The control: through its own host the app does show the conversation that was just made.
  const chats = (await (await request.get("/api/chats")).json()) as { chats: Array<{ id: string }> };
  expect(chats.chats.length).toBeGreaterThan(0);
  const chatId = chats.chats[0].id;
  for (const path of [
    "/api/chats",
    "/api/documents",
    "/api/traces",
    `/api/traces/${run.traceId}`,
    "/",
    "/knowledge",
    "/traces",
  ]) {
    const response = await rawRequest(baseURL ?? "", { path, headers: { Host: "attacker.example:3000" } });
    expect(response.status, path).toBe(421);
    expect(JSON.parse(response.body)).toEqual({
      error: expect.stringContaining("ALLOWED_HOSTS"),
      code: "misdirected_request",
    });
    expect(response.body).not.toContain(run.traceId);
    expect(response.body).not.toContain(chatId);
  }
  const forwarded = await rawRequest(baseURL ?? "", {
    path: "/api/chats",
    headers: { "X-Forwarded-Host": "attacker.example" },
  });
  expect(forwarded.status).toBe(421);
});

test("a name listed in ALLOWED_HOSTS is served", async ({ baseURL }) => {
  const port = new URL(baseURL ?? "").port;
  const response = await rawRequest(baseURL ?? "", {
    path: "/api/chats",
    headers: { Host: `agents.test:${port}` },
  });
  expect(response.status).toBe(200);
  expect(JSON.parse(response.body)).toHaveProperty("chats");
});

test("forged cross-site requests are refused before anything runs or is stored", async ({
  request,
  baseURL,
}) => {
  const knowledge = new KnowledgeApi(request);
  const documentsBefore = (await knowledge.documents()).documents.length;
  const tracesBefore = await traceCount(request);
  const chatId = `attack-${crypto.randomUUID()}`;
  const attacks: Array<{ path: string; headers: Record<string, string>; body: string }> = [
    {
      path: "/api/chat",
      headers: { Origin: attackerOrigin, "Content-Type": "text/plain" },
      body: chatBody(chatId, "Calculate 2 + 2"),
    },
    {
      path: "/api/chat",
      headers: { Origin: attackerOrigin, "Content-Type": "application/json" },
      body: chatBody(chatId, "Calculate 2 + 2"),
    },
    {
      path: "/api/chat",
      headers: { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" },
      body: chatBody(chatId, "Calculate 2 + 2"),
    },
  ];
  for (const attack of attacks) {
    const response = await rawRequest(baseURL ?? "", { method: "POST", ...attack });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toEqual({
      error: expect.stringContaining("another site"),
      code: "forbidden",
    });
  }
  const boundary = "----attack";
  const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="poison.txt"\r\nContent-Type: text/plain\r\n\r\nThe launch code is 0000.\r\n--${boundary}--\r\n`;
  const upload = await rawRequest(baseURL ?? "", {
    method: "POST",
    path: "/api/documents",
    headers: { Origin: attackerOrigin, "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body: multipart,
  });
  expect(upload.status).toBe(403);
  const plain = await rawRequest(baseURL ?? "", {
    method: "POST",
    path: "/api/chat",
    headers: { "Content-Type": "text/plain" },
    body: chatBody(chatId, "Calculate 2 + 2"),
  });
  expect(plain.status).toBe(415);
  expect((await request.get(`/api/chats/${chatId}`)).status()).toBe(404);
  expect((await knowledge.documents()).documents).toHaveLength(documentsBefore);
  expect(await traceCount(request)).toBe(tracesBefore);
});

test.describe("from a real page on another site", () => {
  let attackSite: Server;
  let attackUrl: string;

  test.beforeAll(async ({ baseURL }) => {
    // Same machine, other site: the app is on 127.0.0.1, this page on localhost.
    attackSite = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(`<!doctype html><title>attacker</title><script>
        window.attack = async (chatId) => {
          const app = ${JSON.stringify(baseURL)};
          await fetch(app + "/api/chat", { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" },
            body: ${JSON.stringify(chatBody("CHAT_ID", "Draw a red fox"))}.replace("CHAT_ID", chatId) });
          const form = new FormData();
          form.append("file", new File(["The launch code is 0000."], "poison.txt", { type: "text/plain" }));
          await fetch(app + "/api/documents", { method: "POST", mode: "no-cors", body: form });
          await fetch(app + "/api/documents/reindex", { method: "POST", mode: "no-cors" });
        };</script>`);
    });
    await new Promise<void>((resolve) => attackSite.listen(0, "127.0.0.1", resolve));
    attackUrl = `http://localhost:${(attackSite.address() as AddressInfo).port}/`;
  });

  test.afterAll(() => new Promise<void>((resolve) => attackSite.close(() => resolve())));

  test("its simple POSTs reach the app, are refused with 403, and change nothing", async ({
    page,
    request,
  }) => {
    const knowledge = new KnowledgeApi(request);
    const documentsBefore = (await knowledge.documents()).documents.length;
    const tracesBefore = await traceCount(request);
    const statuses: Record<string, number> = {};
    page.on("response", (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith("/api/")) statuses[url.pathname] = response.status();
    });
    await page.goto(attackUrl);
    const chatId = `attack-${crypto.randomUUID()}`;
    await page.evaluate(
      (id) => (window as unknown as { attack: (id: string) => Promise<void> }).attack(id),
      chatId,
    );
    await expect
      .poll(() => statuses)
      .toEqual({ "/api/chat": 403, "/api/documents": 403, "/api/documents/reindex": 403 });
    expect((await request.get(`/api/chats/${chatId}`)).status()).toBe(404);
    expect((await knowledge.documents()).documents).toHaveLength(documentsBefore);
    expect(await traceCount(request)).toBe(tracesBefore);
  });
});

test("pages carry a nonce-based policy and the app's own pages work under it", async ({ page, request }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await request.get("/");
  const headers = response.headers();
  const policy = headers["content-security-policy"];
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  const again = (await request.get("/")).headers()["content-security-policy"];
  expect(again).not.toBe(policy);
  const api = (await request.get("/api/chats")).headers();
  expect(api["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");

  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("Draw a small blue boat and calculate 6 * 7");
  await expect(chat.agentLane("Code interpreter")).toContainText("Result: 42");
  await expect(chat.lastAnswer().getByRole("img").first()).toBeVisible();
  for (const path of ["/knowledge", "/traces", "/images"]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
  }
  await chat.open();
  // Markup that slipped into the page (the XSS class): its inline handler must not run.
  const injected = await page.evaluate(async () => {
    const image = document.createElement("img");
    const failed = new Promise((resolve) => image.addEventListener("error", resolve));
    image.setAttribute("onerror", "window.__injected = 1");
    image.src = "/missing-image.png";
    document.body.append(image);
    await failed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { __injected?: number }).__injected;
  });
  expect(injected).toBeUndefined();
  expect(violations.filter((text) => !/inline event handler/i.test(text))).toEqual([]);
});
