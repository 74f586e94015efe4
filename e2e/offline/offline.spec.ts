import { expect, test } from "@playwright/test";
import { ChatPage } from "../pages/chat-page";
import { KnowledgePage } from "../pages/knowledge-page";
import { widgetHandbook } from "../support/fixtures";

test("with no API key the app says so and answers from documents with the offline planner", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.open();
  await expect(page.getByRole("status", { name: "Offline models" })).toContainText("OPENAI_API_KEY");

  const knowledge = new KnowledgePage(page);
  await knowledge.open();
  await knowledge.upload("widget-handbook.md", "text/markdown", widgetHandbook);

  await chat.open();
  await chat.ask("How heavy is the Zorblax widget?");
  await expect(chat.agentLane("Retriever agent")).toContainText("search_knowledge_base");
  await expect(chat.lastAnswer()).toContainText("weighs 4.2 kilograms");
  await expect(chat.lastAnswer().getByRole("navigation", { name: "Sources" })).toContainText(
    "widget-handbook.md",
  );

  await page.reload();
  await expect(chat.lastAnswer()).toContainText("weighs 4.2 kilograms");
});

test("offline: two agents at once, a labelled stand-in image and a computed result", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("Draw a red fox in the snow and calculate 12 * 7");
  await expect(chat.agentLane("Image agent").getByText("offline stand-in", { exact: true })).toBeVisible();
  await expect(chat.agentLane("Image agent").getByRole("img")).toBeVisible();
  await expect(chat.agentLane("Code interpreter")).toContainText("Result: 84");
});

test("offline: the web agent searches, visits the best result and answers from it", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("Search the web for the latest Zorblax festival ticket prices");
  await expect(chat.agentLane("Web agent")).toContainText("visit_webpage");
  await expect(chat.lastAnswer()).toContainText("18 euros");
});

test("the chat API streams the answer with a trace id, and the trace has the whole tree", async ({
  request,
}) => {
  const response = await request.post("/api/chat", {
    data: {
      id: "api-test-chat",
      trigger: "submit-message",
      messages: [{ id: "m1", role: "user", parts: [{ type: "text", text: "calculate 2 + 3" }] }],
    },
  });
  expect(response.status()).toBe(200);
  const traceId = response.headers()["x-trace-id"];
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  const body = await response.text();
  expect(body).toContain('"type":"tool-output-available"');
  expect(body).toContain("code_interpreter");

  const trace = (await (await request.get(`/api/traces/${traceId}`)).json()) as {
    id: string;
    spans: Array<{ name: string; parentId: string | null; kind: string }>;
  };
  expect(trace.id).toBe(traceId);
  const names = trace.spans.map((span) => span.name);
  expect(names).toContain("invoke_agent manager");
  expect(names.some((name) => name.startsWith("execute_tool code_interpreter"))).toBe(true);
});

test("bad chat requests get a clear 400", async ({ request }) => {
  const response = await request.post("/api/chat", { data: { messages: "nope" } });
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { error: string }).error).toContain("Invalid chat request");
});

test("Stop ends a running code execution and the run is recorded as stopped", async ({ page, request }) => {
  const chat = new ChatPage(page);
  await chat.open();
  const response = page.waitForResponse((candidate) => candidate.url().endsWith("/api/chat"));
  await chat.messageBox.fill("Run this code:\n```js\nwhile (true) {}\n```");
  await chat.messageBox.press("Enter");
  const traceId = (await response).headers()["x-trace-id"];
  await expect(chat.agentLane("Code interpreter")).toBeVisible();
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await expect
    .poll(
      async () => ((await (await request.get(`/api/traces/${traceId}`)).json()) as { status: string }).status,
    )
    .toBe("error");
});
