import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { type GuardedFetchOptions, guardedFetch } from "../guarded-fetch";

/** One search hit. */
export interface WebSearchResult {
  title: string;
  url: string;
  snippet: string;
}

/** Options every provider honours. */
export interface WebSearchOptions {
  signal?: AbortSignal;
  limit?: number;
}

/** A web search backend (SearXNG, Tavily, Brave…) behind one interface. */
export interface WebSearchProvider {
  name: string;
  search(query: string, options: WebSearchOptions): Promise<WebSearchResult[]>;
}

/** How the provider's settings are named, so errors can point at the variable to fix. */
export interface ProviderIdentity {
  name: string;
  setting: string;
}

/**
 * Calls a provider's JSON API through the guarded fetch and validates the answer. A rejected key,
 * a rate limit or an answer of the wrong shape becomes an `AppError` that names the setting to check.
 */
export async function fetchProviderJson<Schema extends z.ZodType>(
  provider: ProviderIdentity,
  url: string,
  schema: Schema,
  options: GuardedFetchOptions,
): Promise<z.infer<Schema>> {
  const response = await guardedFetch(url, {
    ...options,
    headers: { accept: "application/json", ...options.headers },
  });
  const { name, setting } = provider;
  if (response.status === 401 || response.status === 403) {
    throw new AppError(
      "web_unreachable",
      `${name} refused the request (${response.status}); check ${setting}`,
    );
  }
  if (response.status === 429) {
    throw new AppError(
      "rate_limited",
      `${name} is rate-limiting searches (429); wait a moment and try again`,
    );
  }
  if (response.status >= 400) {
    throw new AppError(
      "web_unreachable",
      `${name} search failed with status ${response.status}; check ${setting}`,
    );
  }
  const parsed = schema.safeParse(parseJson(response.body.toString("utf8")));
  if (!parsed.success) {
    throw new AppError(
      "web_unreachable",
      `${name} answered with something that is not search results; check ${setting}`,
    );
  }
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: the schema check reports it as "not search results".
    return undefined;
  }
}

/** Collapses whitespace and strips the HTML highlighting some providers put in snippets. */
export function cleanSnippet(text: string | undefined | null): string {
  return (text ?? "")
    .replace(/<[^>]+>/g, "")
    .replace(
      /&(amp|lt|gt|quot|#39);/g,
      (entity) => ({ "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" })[entity] ?? entity,
    )
    .replace(/\s+/g, " ")
    .trim();
}
