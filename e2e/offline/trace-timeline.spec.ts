import { expect, test } from "@playwright/test";
import { ChatApi } from "../pages/chat-api";
import { ChatPage } from "../pages/chat-page";
import { findRun, startChatRun, stopChatRun, TracePage } from "../pages/trace-page";

/** Code the offline planner hands to the code interpreter as it is, with a marker to find its run. */
function codeRequest(code: string): string {
  return `Run this code:\n\`\`\`js\n${code}\n\`\`\``;
}

test("a run in progress updates live on its timeline and completes without a reload", async ({
  page,
  request,
}) => {
  const marker = `live-${crypto.randomUUID().slice(0, 8)}`;
  // Busy for 3 s inside the sandbox (its limit is 5 s); no "; " so the planner keeps it in one piece.
  const running = startChatRun(
    request,
    codeRequest(`const end = Date.now() + 3000\nwhile (Date.now() < end) {}\n'${marker}'`),
  );
  const traceId = await findRun(request, marker, "running");

  const trace = new TracePage(page);
  await trace.open(traceId);
  await trace.markDocument();
  await expect(trace.runStatus).toHaveText("running");
  await expect(trace.row("execute_tool code_interpreter")).toHaveAttribute("data-status", "running");
  await expect(trace.row("invoke_agent manager")).toHaveAttribute("data-status", "running");
  const rowsWhileRunning = await trace.spans.getByRole("listitem").count();

  await expect(trace.runStatus).toHaveText("ok", { timeout: 20_000 });
  await expect(trace.row("execute_tool code_interpreter")).toHaveAttribute("data-status", "ok");
  await expect(trace.spans.locator("[data-status=running]")).toHaveCount(0);
  // The manager's answer step arrived after the page was opened.
  expect(await trace.spans.getByRole("listitem").count()).toBeGreaterThan(rowsWhileRunning);
  expect(await trace.stayedOnSamePage()).toBe(true);
  expect((await running).status()).toBe(200);
});

test("a span opens to its inputs and outputs, and a link to it opens and highlights it", async ({
  page,
  request,
}) => {
  const marker = `link-${crypto.randomUUID().slice(0, 8)}`;
  const run = await new ChatApi(request).ask(codeRequest(`'${marker}'\n6 * 7`));
  const trace = new TracePage(page);
  await trace.open(run.traceId);
  await expect(trace.runStatus).toHaveText("ok");

  const modelCall = trace.spans.getByRole("listitem", { name: /^chat / }).first();
  await expect(modelCall).toContainText(/\d+ in \/ \d+ out tokens/);

  const details = await trace.expand("execute_tool code_interpreter");
  await expect(details.getByRole("region", { name: "Input" })).toContainText("6 * 7");
  await expect(details.getByRole("region", { name: "Output" })).toContainText("42");
  await expect(details).toContainText(/Tool call id \S+/);

  const spanId = await trace.spanIdOf("execute_tool code_interpreter");
  await details.getByRole("link", { name: "Link to this span" }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${run.traceId}#span-${spanId}$`));

  const linked = new TracePage(await page.context().newPage());
  await linked.open(run.traceId, spanId);
  await expect(linked.row("execute_tool code_interpreter")).toHaveAttribute("aria-current", "location");
  await expect(linked.details("execute_tool code_interpreter")).toBeVisible();
  await expect(linked.details("invoke_agent manager")).toHaveCount(0);
  await expect(linked.row("invoke_agent manager")).not.toHaveAttribute("aria-current", "location");
});

test("a stopped run is marked as failed and its error stands out", async ({ page, request }) => {
  const marker = `stop-${crypto.randomUUID().slice(0, 8)}`;
  // Stop, as the button sends it, while the code is busy (a disconnect alone would not stop it).
  const chatId = `stop-${crypto.randomUUID()}`;
  const stopped = startChatRun(
    request,
    codeRequest(`const end = Date.now() + 4000\nwhile (Date.now() < end) {}\n'${marker}'`),
    { chatId },
  );
  await findRun(request, marker, "running");
  await stopChatRun(request, chatId);
  expect(await (await stopped).text()).toContain('"type":"abort"');
  const traceId = await findRun(request, marker, "error");

  const trace = new TracePage(page);
  await trace.open(traceId);
  await expect(trace.runStatus).toHaveText("error");
  const root = trace.row("run chat");
  await expect(root).toHaveAttribute("data-status", "error");
  await expect(root).toContainText("The run was stopped.");
  await expect(page.getByText(/\d+ failed/)).toBeVisible();
});

test("under each answer a one-line summary links to the trace with the same token count", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("calculate 17 * 23");
  const summary = chat.lastAnswer().getByText(/Agents: code_interpreter · \d+ steps · [\d,]+ tokens · /);
  await expect(summary).toBeVisible();
  const tokens = (await summary.textContent())?.match(/([\d,]+) tokens/)?.[1];
  expect(tokens).toBeTruthy();

  await chat.openTrace();
  const trace = new TracePage(page);
  await expect(trace.runStatus).toHaveText("ok");
  await expect(page.getByText(`Tokens: ${tokens} (`)).toBeVisible();
});
