import "server-only";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { webUnreachable } from "./web-errors";

/** One HTTP request that connects only to an address that was already checked. */
export interface PinnedRequest {
  url: URL;
  address: string;
  family: 4 | 6;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  connectTimeoutMs: number;
  signal: AbortSignal;
}

/**
 * A `lookup` that answers every question with the checked address, so the socket cannot
 * connect anywhere else (no DNS rebinding between the check and the connection).
 */
function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) {
      (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [
        { address, family },
      ]);
    } else {
      callback(null, address, family);
    }
  };
}

/**
 * Sends one request to `request.address` while keeping the URL's host name for the Host header
 * and for TLS (SNI and certificate verification). Resolves with the response head; the body is
 * left to the caller. Fails when no connection is made within `connectTimeoutMs`.
 */
export function sendPinnedRequest(request: PinnedRequest): Promise<IncomingMessage> {
  const { url } = request;
  const transport = url.protocol === "https:" ? https : http;
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  return new Promise((resolve, reject) => {
    const outgoing = transport.request({
      protocol: url.protocol,
      hostname,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers: request.headers,
      lookup: pinnedLookup(request.address, request.family),
      // A fresh agent per request: a pooled socket might have been opened for another address.
      agent: false,
      signal: request.signal,
    });
    const connectTimer = setTimeout(() => {
      const seconds = request.connectTimeoutMs / 1000;
      outgoing.destroy(webUnreachable(hostname, `no connection within ${seconds} s`));
    }, request.connectTimeoutMs);
    outgoing.once("socket", (socket) => {
      socket.once(url.protocol === "https:" ? "secureConnect" : "connect", () => clearTimeout(connectTimer));
    });
    outgoing.once("response", (response) => {
      clearTimeout(connectTimer);
      resolve(response);
    });
    outgoing.once("error", (error) => {
      clearTimeout(connectTimer);
      reject(error);
    });
    outgoing.end(request.body);
  });
}
