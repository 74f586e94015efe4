import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvironmentForTests } from "@/lib/env";
import { type LocalServer, startLocalServer } from "@/lib/web/test-support/local-server";
import type { BudgetExceeded, RunBudget } from "../run-budget";
import { createTestBudget } from "../test-budget";
import { createWebSearchTool } from "./web-search-tool";

let searxng: LocalServer;
const options = { toolCallId: "call-1", messages: [], context: {} };

function search(budget: RunBudget) {
  return createWebSearchTool({ budget }).execute?.({ query: "anything" }, options);
}

beforeAll(async () => {
  searxng = await startLocalServer((_request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(
      JSON.stringify({ results: [{ title: "Result", url: "https://a.example/", content: "Snippet" }] }),
    );
  });
});

afterAll(async () => {
  await searxng.close();
  for (const name of ["SEARXNG_URL", "WEB_FETCH_ALLOW", "TAVILY_API_KEY", "BRAVE_API_KEY"])
    delete process.env[name];
  resetEnvironmentForTests();
});

describe("web_search", () => {
  it("returns the provider's results", async () => {
    process.env.SEARXNG_URL = searxng.origin;
    process.env.WEB_FETCH_ALLOW = `127.0.0.1:${searxng.port}`;
    resetEnvironmentForTests();
    await expect(search(createTestBudget())).resolves.toEqual({
      notice: expect.stringContaining("untrusted data"),
      results: [{ title: "Result", url: "https://a.example/", snippet: "Snippet" }],
    });
  });

  it("counts each search as a web fetch and refuses, without searching, once they are spent", async () => {
    process.env.SEARXNG_URL = searxng.origin;
    process.env.WEB_FETCH_ALLOW = `127.0.0.1:${searxng.port}`;
    resetEnvironmentForTests();
    searxng.hits = 0;
    const reported: BudgetExceeded[] = [];
    const budget = createTestBudget({ web_fetches: 1 }, (exceeded) => reported.push(exceeded));
    await search(budget);
    expect(budget.usage("web_fetches")).toBe(1);
    await expect(search(budget)).rejects.toMatchObject({
      code: "budget_exceeded",
      message:
        "This run used its budget of 1 web fetch (RUN_MAX_WEB_FETCHES). Raise RUN_MAX_WEB_FETCHES to let runs fetch more.",
    });
    await expect(search(budget)).rejects.toThrow("RUN_MAX_WEB_FETCHES");
    expect(searxng.hits).toBe(1);
    expect(reported).toHaveLength(1);
  });

  it("throws when no provider is configured", async () => {
    for (const name of ["SEARXNG_URL", "TAVILY_API_KEY", "BRAVE_API_KEY"]) delete process.env[name];
    resetEnvironmentForTests();
    await expect(search(createTestBudget())).rejects.toThrow(
      "no web search provider: set SEARXNG_URL, TAVILY_API_KEY or BRAVE_API_KEY",
    );
  });
});
