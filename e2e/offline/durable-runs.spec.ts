import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { ChatPage } from "../pages/chat-page";

// Runs outlive the request that started them: a reload, a closed tab or a second tab follows the
// same run, and only Stop (from any tab) ends it. The endless code keeps a run going for the
// sandbox's 5 s limit, long enough to reload and reopen mid-run.
const endlessCode = "Run this code:\n```js\nwhile (true) {}\n```";

interface StoredMessage {
  role: string;
  metadata?: { error?: string };
  parts: Array<{ type: string; text?: string }>;
}

async function startLongRun(chat: ChatPage): Promise<{ chatId: string; traceId: string }> {
  await chat.open();
  const response = chat.page.waitForResponse((candidate) => candidate.url().endsWith("/api/chat"));
  await chat.messageBox.fill(endlessCode);
  await chat.messageBox.press("Enter");
  const traceId = (await response).headers()["x-trace-id"];
  await expect(chat.agentLane("Code interpreter")).toBeVisible();
  const chatId = new URL(chat.page.url()).pathname.split("/").at(-1) ?? "";
  expect(chatId).not.toBe("");
  return { chatId, traceId };
}

async function storedMessages(request: APIRequestContext, chatId: string): Promise<StoredMessage[]> {
  const response = await request.get(`/api/chats/${chatId}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { chat: { messages: StoredMessage[] } }).chat.messages;
}

async function expectRunning(page: Page) {
  await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();
}

async function expectFinished(page: Page) {
  await expect(page.getByRole("button", { name: "Stop" })).toBeHidden({ timeout: 45_000 });
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
}

test("a reload mid-run shows the same run live again, and it finishes on its own", async ({
  page,
  request,
}) => {
  const chat = new ChatPage(page);
  const { chatId, traceId } = await startLongRun(chat);
  await page.reload();
  // The question was stored when the run began; the answer is replayed from its start and followed.
  await expect(page.getByRole("article", { name: "Your message" })).toContainText("while (true) {}");
  await expectRunning(page);
  await expect(chat.agentLane("Code interpreter")).toBeVisible();
  await expectFinished(page);
  await expect(chat.lastAnswer()).toContainText(/./);
  const messages = await storedMessages(request, chatId);
  expect(messages.map((message) => message.role)).toEqual(["user", "assistant"]);
  expect(messages[1]?.metadata?.error).toBeUndefined();
  expect((await request.get(`/api/chat/${chatId}/stream`)).status()).toBe(204);
  const trace = (await (await request.get(`/api/traces/${traceId}`)).json()) as { status: string };
  expect(trace.status).toBe("ok");
});

test("closing the tab does not stop the run: reopening the conversation shows it running, then its answer", async ({
  context,
  request,
}) => {
  const first = await context.newPage();
  const { chatId } = await startLongRun(new ChatPage(first));
  await first.close();
  const reopened = await context.newPage();
  await reopened.goto(`/chats/${chatId}`);
  await expectRunning(reopened);
  await expect(new ChatPage(reopened).agentLane("Code interpreter")).toBeVisible();
  await expectFinished(reopened);
  const messages = await storedMessages(request, chatId);
  expect(messages.at(-1)).toMatchObject({ role: "assistant" });
  expect(messages.at(-1)?.metadata?.error).toBeUndefined();
});

test("Stop in a second tab stops the run the first tab started, and both tabs see it end", async ({
  context,
  request,
}) => {
  const first = await context.newPage();
  const { chatId, traceId } = await startLongRun(new ChatPage(first));
  const second = await context.newPage();
  await second.goto(`/chats/${chatId}`);
  await expectRunning(second);
  await second.getByRole("button", { name: "Stop" }).click();
  await expectFinished(second);
  await expectFinished(first);
  const messages = await storedMessages(request, chatId);
  expect(messages.at(-1)).toMatchObject({ role: "assistant", metadata: { error: "The run was stopped." } });
  expect((await request.get(`/api/chat/${chatId}/stream`)).status()).toBe(204);
  const trace = (await (await request.get(`/api/traces/${traceId}`)).json()) as { status: string };
  expect(trace.status).toBe("error");
});

test("the run API: one run per conversation, a resumable stream while it runs, and Stop", async ({
  request,
}) => {
  const chatId = `durable-${crypto.randomUUID()}`;
  const turn = (text: string) => ({
    id: chatId,
    trigger: "submit-message",
    messages: [{ id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] }],
  });
  expect((await request.get(`/api/chat/${chatId}/stream`)).status()).toBe(204);
  expect(await (await request.post(`/api/chat/${chatId}/stop`)).json()).toEqual({ run: null });

  const running = request.post("/api/chat", { data: turn(endlessCode), timeout: 45_000 });
  await expect
    .poll(async () => (await storedMessages(request, chatId).catch(() => [])).length, { intervals: [100] })
    .toBe(1);
  const refused = await request.post("/api/chat", { data: turn("And another question") });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: string }).error).toContain("still answering");

  const stop = await request.post(`/api/chat/${chatId}/stop`);
  expect(stop.status()).toBe(200);
  expect(((await stop.json()) as { run: { status: string } }).run).toMatchObject({ status: "stopped" });
  const stream = await (await running).text();
  expect(stream).toContain('"type":"start"');
  expect(stream).toContain('"type":"abort"');
  // The refused turn stored nothing; the stopped one stored its question and the answer so far.
  expect((await storedMessages(request, chatId)).map((message) => message.role)).toEqual([
    "user",
    "assistant",
  ]);
});
