import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvironmentForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { type LocalServer, startLocalServer } from "./test-support/local-server";
import { getWebSearchProvider, noSearchProviderMessage, searchWeb } from "./web-search";

let searxng: LocalServer;
const providerVariables = ["SEARXNG_URL", "TAVILY_API_KEY", "BRAVE_API_KEY", "WEB_FETCH_ALLOW"] as const;

function configure(values: Partial<Record<(typeof providerVariables)[number], string>>) {
  for (const name of providerVariables) {
    if (values[name] === undefined) delete process.env[name];
    else process.env[name] = values[name];
  }
  resetEnvironmentForTests();
}

beforeAll(async () => {
  searxng = await startLocalServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://searxng");
    if (url.pathname !== "/search" || url.searchParams.get("format") !== "json") {
      return response.writeHead(404).end();
    }
    response.setHeader("content-type", "application/json");
    response.end(
      JSON.stringify({
        query: url.searchParams.get("q"),
        results: [
          {
            title: "LanceDB <b>docs</b>",
            url: "https://lancedb.example/docs",
            content: "Hybrid   search\nwith BM25",
          },
          { title: "Duplicate", url: "https://lancedb.example/docs", content: "same URL again" },
          { title: "Torrent", url: "magnet:?xt=urn:btih:abc", content: "not a web page" },
          { title: null, url: "https://other.example/page", content: null },
        ],
      }),
    );
  });
});

beforeEach(() => {
  searxng.hits = 0;
});

afterAll(async () => {
  await searxng.close();
  configure({});
});

describe("web search providers", () => {
  it("says which variables to set when no provider is configured", () => {
    configure({});
    expect(() => getWebSearchProvider()).toThrow(new AppError("tool_error", noSearchProviderMessage));
    expect(noSearchProviderMessage).toBe(
      "no web search provider: set SEARXNG_URL, TAVILY_API_KEY or BRAVE_API_KEY",
    );
  });

  it("prefers SearXNG, then Tavily, then Brave", () => {
    configure({ SEARXNG_URL: "http://127.0.0.1:9", TAVILY_API_KEY: "t", BRAVE_API_KEY: "b" });
    expect(getWebSearchProvider().name).toBe("SearXNG");
    configure({ TAVILY_API_KEY: "t", BRAVE_API_KEY: "b" });
    expect(getWebSearchProvider().name).toBe("Tavily");
    configure({ BRAVE_API_KEY: "b" });
    expect(getWebSearchProvider().name).toBe("Brave Search");
  });

  it("queries SearXNG's JSON API and returns clean, unique web results", async () => {
    configure({ SEARXNG_URL: searxng.origin, WEB_FETCH_ALLOW: `127.0.0.1:${searxng.port}` });
    const results = await searchWeb("lancedb hybrid search");
    expect(results).toEqual([
      { title: "LanceDB docs", url: "https://lancedb.example/docs", snippet: "Hybrid search with BM25" },
      { title: "https://other.example/page", url: "https://other.example/page", snippet: "" },
    ]);
    expect(new URL(searxng.requests[0].url ?? "", "http://x").searchParams.get("q")).toBe(
      "lancedb hybrid search",
    );
  });

  it("calls a loopback SearXNG missing from WEB_FETCH_ALLOW a configuration error, without connecting", async () => {
    configure({ SEARXNG_URL: `${searxng.origin}/` });
    const error = await searchWeb("anything").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("web_refused");
    expect((error as AppError).message).toContain("configuration error");
    expect((error as AppError).message).toContain(`add "127.0.0.1:${searxng.port}" to WEB_FETCH_ALLOW`);
    expect(searxng.hits).toBe(0);
  });

  it("reports a SearXNG that answers with something else", async () => {
    configure({ SEARXNG_URL: `${searxng.origin}/not-searxng`, WEB_FETCH_ALLOW: `127.0.0.1:${searxng.port}` });
    await expect(searchWeb("anything")).rejects.toThrow(
      "SearXNG search failed with status 404; check SEARXNG_URL",
    );
  });
});
