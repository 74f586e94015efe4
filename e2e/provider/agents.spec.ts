import { expect, test } from "@playwright/test";
import { ChatPage } from "../pages/chat-page";
import { KnowledgePage } from "../pages/knowledge-page";
import { widgetHandbook } from "../support/fixtures";
import { getTestEnvironment } from "../support/test-ports";

const environment = getTestEnvironment();

test("upload → ask → the retriever answers from the document through the real provider path", async ({
  page,
  request,
}) => {
  const knowledge = new KnowledgePage(page);
  await knowledge.open();
  await knowledge.upload("widget-handbook.md", "text/markdown", widgetHandbook);

  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("What do my documents say about the weight of the Zorblax widget?");
  await expect(chat.agentLane("Retriever agent")).toBeVisible();
  await expect(chat.lastAnswer()).toContainText("4.2 kilograms");
  await expect(chat.lastAnswer().getByRole("navigation", { name: "Sources" })).toContainText(
    "widget-handbook.md",
  );

  const calls = (await (
    await request.get(`http://127.0.0.1:${environment.openAIPort}/__requests`)
  ).json()) as Array<{
    path: string;
    agent?: string;
  }>;
  expect(calls.some((call) => call.agent === "manager")).toBe(true);
  expect(calls.some((call) => call.agent === "retriever")).toBe(true);
  expect(calls.some((call) => call.path === "/v1/embeddings")).toBe(true);

  await chat.openTrace();
  const spans = page.getByRole("list", { name: "Spans" });
  for (const name of [
    "invoke_agent manager",
    "execute_tool retriever_agent",
    "invoke_agent retriever_agent",
  ]) {
    await expect(spans.getByRole("listitem", { name })).toBeVisible();
  }
  await expect(spans.getByRole("listitem", { name: "execute_tool search_knowledge_base" })).toBeVisible();
});

test("web search → visit → answer with the page's fact", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("Search the web: when does the Zorblax festival open?");
  await expect(chat.agentLane("Web agent")).toBeVisible();
  await expect(chat.lastAnswer()).toContainText("14 April 2026");
  await expect(chat.lastAnswer().getByRole("navigation", { name: "Sources" })).toContainText(
    "Zorblax Festival 2026",
  );
});

test("an image and a calculation run in parallel, each in its own lane", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("Draw a lighthouse and compute (6 * 7) + 1");
  const image = chat.agentLane("Image agent").getByRole("img");
  await expect(image).toBeVisible();
  expect(await image.getAttribute("src")).toMatch(/^\/api\/images\/[0-9a-f-]{36}$/);
  expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
  await expect(chat.agentLane("Code interpreter")).toContainText("Result: 43");
});
