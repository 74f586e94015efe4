import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import type { TraceDetail } from "../../lib/trace/types";
import { ChatApi, type ChatApiRun } from "../pages/chat-api";
import { ChatPage } from "../pages/chat-page";
import { PrivateAppServer } from "../support/private-app-server";
import { getTestEnvironment } from "../support/test-ports";

// Per-run budgets on a `next start` of this spec's own (embedded SQLite, offline models), with budgets
// small enough that one endless snippet or one search plus one visit spends them: the run ends with
// a message naming the budget and its variable, the answer is saved with it, and the run's root span
// records which budget it was.
test.describe.configure({ mode: "serial" });
test.setTimeout(90_000);

const endlessCode = "Run this code:\n```js\nwhile (true) {}\n```";
// The offline web agent searches, then visits the best result: two web fetches.
const webQuestion = "Search the web for the latest Zorblax festival ticket prices";

let server: PrivateAppServer;
let client: APIRequestContext;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const webFixtures = `127.0.0.1:${getTestEnvironment().webPort}`;
  server = await PrivateAppServer.create();
  await server.start({
    SEARXNG_URL: `http://${webFixtures}`,
    WEB_FETCH_ALLOW: webFixtures,
    WEB_FETCH_TIMEOUT_MS: "5000",
    OPENAI_API_KEY: "",
    RUN_MAX_SANDBOX_SECONDS: "1",
    RUN_MAX_WEB_FETCHES: "1",
  });
  client = await playwrightRequest.newContext({ baseURL: server.url });
});

test.afterAll(async () => {
  await client?.dispose();
  await server?.dispose();
});

interface StoredMessage {
  role: string;
  metadata?: { error?: string };
}

/** The `{ type: "error" }` chunks of a run's UI message stream. */
function errorChunksOf(run: ChatApiRun): string[] {
  return run.stream
    .split("\n")
    .filter((line) => line.startsWith("data: {"))
    .map((line) => JSON.parse(line.slice("data: ".length)) as { type: string; errorText?: string })
    .filter((chunk) => chunk.type === "error")
    .map((chunk) => chunk.errorText ?? "");
}

async function traceOf(traceId: string): Promise<TraceDetail> {
  const response = await client.get(`/api/traces/${traceId}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as TraceDetail;
}

async function storedMessages(chatId: string): Promise<StoredMessage[]> {
  const response = await client.get(`/api/chats/${chatId}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { chat: { messages: StoredMessage[] } }).chat.messages;
}

/** The run ended in error, its root span names the budget, and the saved answer carries the message. */
async function expectRunEndedByBudget(run: ChatApiRun, budget: string, variable: string) {
  const errors = errorChunksOf(run);
  expect(errors.some((text) => text.includes(variable))).toBe(true);
  await expect.poll(async () => (await traceOf(run.traceId)).status).toBe("error");
  const trace = await traceOf(run.traceId);
  const roots = trace.spans.filter((span) => span.kind === "run");
  expect(roots).toHaveLength(1);
  expect(roots[0].parentId).toBeNull();
  expect(roots[0].attributes["app.run.budget.exceeded"]).toBe(budget);
  expect(Number(roots[0].attributes["app.run.budget.limit"])).toBe(1);
  expect(Number(roots[0].attributes["app.run.budget.used"])).toBeGreaterThanOrEqual(1);
  expect(trace.chatId).toBeTruthy();
  const messages = await storedMessages(trace.chatId ?? "");
  expect(messages.map((message) => message.role)).toEqual(["user", "assistant"]);
  expect(messages[1].metadata?.error).toContain(variable);
  return messages[1].metadata?.error ?? "";
}

test("UI: endless code stops at RUN_MAX_SANDBOX_SECONDS, says so, and the saved answer still says so after a reload", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await page.goto(server.url);
  await expect(chat.messageBox).toBeVisible();
  await chat.messageBox.fill(endlessCode);
  await chat.messageBox.press("Enter");
  await expect(chat.agentLane("Code interpreter")).toBeVisible();
  const alert = chat.errorAlert().filter({ hasText: "RUN_MAX_SANDBOX_SECONDS" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Raise RUN_MAX_SANDBOX_SECONDS");
  await expect(page.getByRole("button", { name: "Stop" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();

  await expect(page).toHaveURL(/\/chats\/[^/]+$/);
  await page.reload();
  await expect(page.getByRole("article", { name: "Your message" })).toContainText("while (true) {}");
  // The saved answer says why it ended, and so does the code it cut short (failed, not "working…").
  const answer = chat.lastAnswer();
  await expect(answer.getByRole("alert").last()).toContainText("RUN_MAX_SANDBOX_SECONDS");
  await expect(chat.agentLane("Code interpreter").getByRole("alert")).toContainText(
    "RUN_MAX_SANDBOX_SECONDS",
  );
  await expect(chat.agentLane("Code interpreter")).not.toContainText("working");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
});

test("API: endless code streams the budget error, the trace records sandbox_seconds, the chat stores it", async () => {
  const run = await new ChatApi(client).ask(endlessCode);
  const stored = await expectRunEndedByBudget(run, "sandbox_seconds", "RUN_MAX_SANDBOX_SECONDS");
  expect(stored).toBe(
    "This run used its budget of 1 sandbox second (RUN_MAX_SANDBOX_SECONDS). Raise RUN_MAX_SANDBOX_SECONDS to let runs run code longer.",
  );
});

test("API: a search then a visit goes over RUN_MAX_WEB_FETCHES=1: the visit is refused and the run names the budget", async () => {
  const run = await new ChatApi(client).ask(webQuestion);
  // The page's content never arrives: the visit was refused before it fetched anything.
  expect(run.stream).not.toContain("18 euros");
  const stored = await expectRunEndedByBudget(run, "web_fetches", "RUN_MAX_WEB_FETCHES");
  // The one fetch the budget allowed was the search, which found the page; the visit was the second.
  const tools = (await traceOf(run.traceId)).spans.filter((span) => span.kind === "execute_tool");
  const searches = tools.filter((span) => span.name === "execute_tool web_search");
  expect(searches).toHaveLength(1);
  expect(String(searches[0].attributes["gen_ai.tool.call.result"])).toContain("zorblax-festival.html");
  const visits = tools.filter((span) => span.name === "execute_tool visit_webpage");
  expect(visits).toHaveLength(1);
  expect(visits[0].attributes["gen_ai.tool.call.result"]).toBeUndefined();
  expect(stored).toContain("1 web fetch (RUN_MAX_WEB_FETCHES)");
});
