import "server-only";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createBraveProvider } from "./search-providers/brave-provider";
import { createSearxngProvider } from "./search-providers/searxng-provider";
import { createTavilyProvider } from "./search-providers/tavily-provider";
import type {
  WebSearchOptions,
  WebSearchProvider,
  WebSearchResult,
} from "./search-providers/web-search-provider";

/** The message when no provider is configured; the operator needs to set one of these variables. */
export const noSearchProviderMessage =
  "no web search provider: set SEARXNG_URL, TAVILY_API_KEY or BRAVE_API_KEY";

/**
 * The configured search provider: SearXNG when SEARXNG_URL is set, else Tavily, else Brave.
 * Throws an `AppError` saying which variables to set when none is.
 */
export function getWebSearchProvider(): WebSearchProvider {
  const environment = getEnvironment();
  if (environment.SEARXNG_URL) return createSearxngProvider(environment.SEARXNG_URL);
  if (environment.TAVILY_API_KEY) return createTavilyProvider(environment.TAVILY_API_KEY);
  if (environment.BRAVE_API_KEY) return createBraveProvider(environment.BRAVE_API_KEY);
  throw new AppError("tool_error", noSearchProviderMessage);
}

/** Searches the web with the configured provider; keeps http(s) results only, each URL once. */
export async function searchWeb(query: string, options: WebSearchOptions = {}): Promise<WebSearchResult[]> {
  const results = await getWebSearchProvider().search(query, options);
  const seen = new Set<string>();
  return results.filter((result) => {
    if (!/^https?:\/\//i.test(result.url) || seen.has(result.url)) return false;
    seen.add(result.url);
    return true;
  });
}
