import { expect, test } from "@playwright/test";
import { ChatApi } from "../pages/chat-api";
import { findRun, startChatRun, stopChatRun, TraceListPage } from "../pages/trace-page";

test("recent runs are searchable and filterable by status, agent and time, in the page and the API", async ({
  page,
  request,
}) => {
  const marker = `list-${crypto.randomUUID().slice(0, 8)}`;
  const chat = new ChatApi(request);
  await chat.ask(`Run this code:\n\`\`\`js\n'${marker} sum'\n40 + 2\n\`\`\``);
  await chat.ask(`What do my documents say about ${marker} tides`);
  const chatId = `list-${crypto.randomUUID()}`;
  const stopped = startChatRun(
    request,
    `Run this code:\n\`\`\`js\nconst end = Date.now() + 4000\nwhile (Date.now() < end) {}\n'${marker} stopped'\n\`\`\``,
    { chatId },
  );
  await findRun(request, `${marker} stopped`, "running");
  await stopChatRun(request, chatId);
  await stopped;
  await findRun(request, marker, "error");

  const list = new TraceListPage(page);
  await list.open();
  await list.searchFor(marker);
  await expect(list.runs.getByRole("link")).toHaveCount(3);

  const codeRun = list.runRow(`${marker} sum`);
  await expect(codeRun).toContainText("ok");
  await expect(codeRun).toContainText("manager");
  // Duration, steps (two manager model calls) and tokens are shown for each run.
  await expect(codeRun.getByRole("cell").nth(4)).toHaveText(/\d+(\.\d+)? (ms|s)/);
  await expect(codeRun.getByRole("cell").nth(5)).toHaveText("2");
  await expect(codeRun.getByRole("cell").nth(6)).toHaveText(/^[1-9][\d,]*$/);

  await list.status.selectOption("error");
  await expect(page).toHaveURL(/status=error/);
  expect(await list.runNames()).toEqual([expect.stringContaining(`${marker} stopped`)]);

  await list.status.selectOption("");
  await list.agent.selectOption("retriever_agent");
  await expect(page).toHaveURL(/agent=retriever_agent/);
  await expect(list.runs.getByRole("link")).toHaveCount(1);
  expect(await list.runNames()).toEqual([`What do my documents say about ${marker} tides`]);
  await expect(list.runRow(marker)).toContainText("manager, retriever_agent");

  await list.agent.selectOption("");
  await list.time.selectOption("15m");
  await expect(page).toHaveURL(/since=15m/);
  await expect(list.runs.getByRole("link")).toHaveCount(3);

  // The address carries the filters: reopening it shows the same list.
  await list.open(`?q=${marker}&status=ok&since=15m`);
  await expect(list.search).toHaveValue(marker);
  await expect(list.runs.getByRole("link")).toHaveCount(2);

  const api = async (query: string) =>
    ((await (await request.get(`/api/traces?q=${marker}&${query}`)).json()) as { traces: unknown[] }).traces;
  expect(await api("status=ok")).toHaveLength(2);
  expect(await api("agent=retriever_agent")).toHaveLength(1);
  expect(await api("since=15m")).toHaveLength(3);
  expect(await api(`since=${new Date(Date.now() + 60_000).toISOString()}`)).toHaveLength(0);
  const bad = await request.get("/api/traces?since=last-tuesday");
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toContain("since must be");
});
