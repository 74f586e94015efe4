import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { bareHostname } from "../destination";
import { WebAddressRefusedError } from "../web-errors";
import { cleanSnippet, fetchProviderJson, type WebSearchProvider } from "./web-search-provider";

const searxngResponseSchema = z.object({
  results: z.array(
    z.object({
      title: z.string().nullish(),
      url: z.string(),
      content: z.string().nullish(),
    }),
  ),
});

const identity = { name: "SearXNG", setting: "SEARXNG_URL" };

/**
 * SearXNG's JSON API: `GET {SEARXNG_URL}/search?q=…&format=json`. A SearXNG on a private or
 * loopback address must be listed in WEB_FETCH_ALLOW; when it is not, the error says so.
 */
export function createSearxngProvider(baseUrl: string): WebSearchProvider {
  return {
    name: identity.name,
    async search(query, { signal, limit = 8 }) {
      const url = new URL("search", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
      url.searchParams.set("q", query);
      url.searchParams.set("format", "json");
      const data = await fetchProviderJson(identity, url.href, searxngResponseSchema, { signal }).catch(
        (error: unknown) => {
          throw explainRefusedInstance(error, url);
        },
      );
      return data.results.slice(0, limit).map((result) => ({
        title: cleanSnippet(result.title) || result.url,
        url: result.url,
        snippet: cleanSnippet(result.content),
      }));
    },
  };
}

function explainRefusedInstance(error: unknown, url: URL): unknown {
  const isInstanceRefused = error instanceof WebAddressRefusedError && error.host === bareHostname(url);
  if (!isInstanceRefused) return error;
  const hostPort = `${url.hostname}:${error.port}`;
  return new AppError(
    "web_refused",
    `SEARXNG_URL points to an address the web fetch refuses (${error.message}). This is a configuration error: add "${hostPort}" to WEB_FETCH_ALLOW to use this SearXNG instance.`,
    { cause: error },
  );
}
