import "server-only";
import type { IncomingMessage } from "node:http";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { assertFetchableUrl, bareHostname, resolveCheckedAddresses } from "./destination";
import { sendPinnedRequest } from "./pinned-request";
import { type GuardedResponse, readResponse } from "./response-body";
import { describeNetworkError, webRefused, webUnreachable } from "./web-errors";

/**
 * Limits and request details for one guarded fetch; every field has a safe default: the byte cap
 * and total timeout come from WEB_FETCH_MAX_BYTES and WEB_FETCH_TIMEOUT_MS, 10 s to connect.
 */
export interface GuardedFetchOptions {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  maxBytes?: number;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
}

export type { GuardedResponse } from "./response-body";

/** Longest wait for a connection to open; the total timeout (WEB_FETCH_TIMEOUT_MS) may cut it shorter. */
const defaultConnectTimeoutMs = 10_000;
const maxRedirects = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const defaultHeaders = {
  "user-agent": "agent-team/0.1 (+web agent; reads pages on behalf of a user)",
  accept: "text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.9,application/pdf;q=0.8",
  "accept-encoding": "gzip, deflate, br",
};

interface Hop {
  url: URL;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
}

interface FetchContext {
  signal: AbortSignal;
  connectTimeoutMs: number;
  maxBytes: number;
  allowList: readonly string[];
}

/**
 * The one fetch for everything agents reach on the web. Only http(s) without credentials; the
 * host is resolved once, every address is checked against the address policy (WEB_FETCH_ALLOW
 * may list exceptions) and the connection is pinned to a checked address. Redirects are followed
 * by hand, at most 5, each hop checked again. The body is capped while streaming, and only HTML,
 * plain text, JSON and PDF are read. Errors are `AppError`s with code `web_refused` or
 * `web_unreachable`; when `signal` aborts, its reason is thrown.
 */
export async function guardedFetch(url: string, options: GuardedFetchOptions = {}): Promise<GuardedResponse> {
  const environment = getEnvironment();
  const totalTimeoutMs = options.totalTimeoutMs ?? environment.WEB_FETCH_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), totalTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  const context: FetchContext = {
    signal,
    connectTimeoutMs: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
    maxBytes: options.maxBytes ?? environment.WEB_FETCH_MAX_BYTES,
    allowList: environment.WEB_FETCH_ALLOW,
  };
  const first = parseUrl(url);
  try {
    options.signal?.throwIfAborted();
    const hop = {
      url: first,
      method: options.method ?? "GET",
      headers: options.headers ?? {},
      body: options.body,
    };
    return await followRedirects(hop, context);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (deadline.signal.aborted) {
      throw webUnreachable(first.host, `no complete answer within ${totalTimeoutMs / 1000} s`, error);
    }
    if (error instanceof AppError) throw error;
    throw webUnreachable(first.host, describeNetworkError(error), error);
  } finally {
    clearTimeout(timer);
  }
}

function parseUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new AppError("bad_request", `"${text}" is not a valid web address; give a full http(s) URL`);
  }
  assertFetchableUrl(url);
  return url;
}

async function followRedirects(first: Hop, context: FetchContext): Promise<GuardedResponse> {
  let hop = first;
  let previous: URL | undefined;
  for (let redirects = 0; ; redirects++) {
    const response = await sendHop(hop, context).catch((error: unknown) => {
      throw previous ? noteRedirect(error, previous) : error;
    });
    const status = response.statusCode ?? 0;
    const location = redirectStatuses.has(status) ? response.headers.location : undefined;
    if (!location) return readResponse(hop.url, response, context.maxBytes);
    response.destroy();
    if (redirects === maxRedirects) {
      throw webRefused(`${first.url.href} redirected more than ${maxRedirects} times`);
    }
    previous = hop.url;
    hop = nextHop(hop, status, parseRedirectTarget(location, hop.url));
  }
}

function parseRedirectTarget(location: string, from: URL): URL {
  try {
    return parseUrl(location, from);
  } catch (error) {
    throw noteRedirect(error, from);
  }
}

/** A refusal on a later hop says where the redirect came from, so the user sees why a public page failed. */
function noteRedirect(error: unknown, from: URL): unknown {
  if (!(error instanceof AppError) || error.code !== "web_refused") return error;
  return new AppError("web_refused", `${error.message} (after a redirect from ${from.href})`, {
    cause: error,
  });
}

/** The request for a redirect target: 303 (and 301/302 after POST) become GET; caller headers stay on the origin. */
function nextHop(previous: Hop, status: number, url: URL): Hop {
  const becomesGet = status === 303 || (previous.method === "POST" && (status === 301 || status === 302));
  const sameOrigin = url.origin === previous.url.origin;
  return {
    url,
    method: becomesGet ? "GET" : previous.method,
    headers: sameOrigin ? previous.headers : {},
    body: becomesGet ? undefined : previous.body,
  };
}

async function sendHop(hop: Hop, context: FetchContext): Promise<IncomingMessage> {
  const addresses = await resolveCheckedAddresses(hop.url, context.allowList, context.signal);
  const headers: Record<string, string> = { ...defaultHeaders, ...hop.headers };
  let lastError: unknown;
  // Try each checked address in turn, as a browser would when one of them does not answer.
  for (const { address, family } of addresses) {
    try {
      const { signal, connectTimeoutMs } = context;
      return await sendPinnedRequest({ ...hop, headers, address, family, signal, connectTimeoutMs });
    } catch (error) {
      if (context.signal.aborted) throw error;
      lastError = error;
    }
  }
  if (lastError instanceof AppError) throw lastError;
  throw webUnreachable(bareHostname(hop.url), describeNetworkError(lastError), lastError);
}
