import "server-only";
import { z } from "zod";
import { cleanSnippet, fetchProviderJson, type WebSearchProvider } from "./web-search-provider";

const braveResponseSchema = z.object({
  web: z
    .object({
      results: z.array(
        z.object({
          title: z.string().nullish(),
          url: z.string(),
          description: z.string().nullish(),
        }),
      ),
    })
    .optional(),
});

const identity = { name: "Brave Search", setting: "BRAVE_API_KEY" };

/** Brave's web search API: `GET https://api.search.brave.com/res/v1/web/search` with X-Subscription-Token. */
export function createBraveProvider(apiKey: string): WebSearchProvider {
  return {
    name: identity.name,
    async search(query, { signal, limit = 8 }) {
      const url = new URL("https://api.search.brave.com/res/v1/web/search");
      url.searchParams.set("q", query);
      url.searchParams.set("count", String(Math.min(limit, 20)));
      const data = await fetchProviderJson(identity, url.href, braveResponseSchema, {
        signal,
        headers: { "x-subscription-token": apiKey },
      });
      // Brave answers a query with no web hits without the `web` section at all.
      return (data.web?.results ?? []).slice(0, limit).map((result) => ({
        title: cleanSnippet(result.title) || result.url,
        url: result.url,
        snippet: cleanSnippet(result.description),
      }));
    },
  };
}
