import "server-only";
import dns from "node:dns";
import { checkAddress, isAllowListed } from "./address-policy";
import { parseIpv6Literal } from "./ip-literal";
import { describeNetworkError, WebAddressRefusedError, webRefused, webUnreachable } from "./web-errors";

/** An address that passed the policy, ready to connect to. */
export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/** The port a URL connects to, with the scheme's default filled in. */
export function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

/** The URL's host without IPv6 brackets ("[::1]" → "::1"). */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

/** Refuses URLs that are not plain http(s) or that carry a user name or password. */
export function assertFetchableUrl(url: URL): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw webRefused(`${url.protocol.replace(/:$/, "")} addresses cannot be fetched; only http and https`);
  }
  if (url.username || url.password) {
    throw webRefused("the address contains a user name or password; remove them and try again");
  }
}

async function lookupAll(hostname: string, signal: AbortSignal): Promise<CheckedAddress[]> {
  if (parseIpv6Literal(hostname)) return [{ address: hostname, family: 6 }];
  signal.throwIfAborted();
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  try {
    const answers = await Promise.race([dns.promises.lookup(hostname, { all: true }), aborted]);
    return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw webUnreachable(hostname, describeNetworkError(error), error);
  }
}

/**
 * Resolves the URL's host once and checks every address it resolves to. One refused address
 * refuses the whole host, so a name cannot mix a public and a private answer. A `host:port` or
 * `address:port` listed in `allowList` (WEB_FETCH_ALLOW) is let through.
 */
export async function resolveCheckedAddresses(
  url: URL,
  allowList: readonly string[],
  signal: AbortSignal,
): Promise<CheckedAddress[]> {
  const hostname = bareHostname(url);
  const port = effectivePort(url);
  const addresses = await lookupAll(hostname, signal);
  if (addresses.length === 0) throw webUnreachable(hostname, "the name does not resolve to any address");
  if (isAllowListed(hostname, port, allowList)) return addresses;
  for (const { address } of addresses) {
    if (isAllowListed(address, port, allowList)) continue;
    const verdict = checkAddress(address);
    if (!verdict.allowed) {
      const reason = address === hostname ? verdict.reason : `${verdict.reason} (${hostname} resolves to it)`;
      throw new WebAddressRefusedError(hostname, port, reason);
    }
  }
  return addresses;
}
