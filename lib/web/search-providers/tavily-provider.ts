import "server-only";
import { z } from "zod";
import { cleanSnippet, fetchProviderJson, type WebSearchProvider } from "./web-search-provider";

const tavilyResponseSchema = z.object({
  results: z.array(
    z.object({
      title: z.string().nullish(),
      url: z.string(),
      content: z.string().nullish(),
    }),
  ),
});

const identity = { name: "Tavily", setting: "TAVILY_API_KEY" };

/** Tavily's search API: `POST https://api.tavily.com/search` with a bearer key. */
export function createTavilyProvider(apiKey: string): WebSearchProvider {
  return {
    name: identity.name,
    async search(query, { signal, limit = 8 }) {
      const data = await fetchProviderJson(identity, "https://api.tavily.com/search", tavilyResponseSchema, {
        method: "POST",
        signal,
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ query, max_results: limit, search_depth: "basic" }),
      });
      return data.results.slice(0, limit).map((result) => ({
        title: cleanSnippet(result.title) || result.url,
        url: result.url,
        snippet: cleanSnippet(result.content),
      }));
    },
  };
}
