import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvironmentForTests } from "@/lib/env";
import { type LocalServer, startLocalServer } from "@/lib/web/test-support/local-server";
import { webSearchTool } from "./web-search-tool";

let searxng: LocalServer;
const options = { toolCallId: "call-1", messages: [], context: {} };

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
    await expect(webSearchTool.execute?.({ query: "anything" }, options)).resolves.toEqual({
      notice: expect.stringContaining("untrusted data"),
      results: [{ title: "Result", url: "https://a.example/", snippet: "Snippet" }],
    });
  });

  it("throws when no provider is configured", async () => {
    for (const name of ["SEARXNG_URL", "TAVILY_API_KEY", "BRAVE_API_KEY"]) delete process.env[name];
    resetEnvironmentForTests();
    await expect(webSearchTool.execute?.({ query: "anything" }, options)).rejects.toThrow(
      "no web search provider: set SEARXNG_URL, TAVILY_API_KEY or BRAVE_API_KEY",
    );
  });
});
