import { isIP } from "node:net";

/** A host as a request names it: the name (lower-case, IPv6 without brackets) and the port, if any. */
export interface RequestHost {
  hostname: string;
  port?: string;
}

/**
 * One entry of ALLOWED_HOSTS: a name the app answers to. `.example.com` allows the domain and every
 * subdomain (as Vite's `server.allowedHosts` does); an entry with a port allows only that port.
 */
export interface AllowedHost {
  hostname: string;
  port?: string;
  includeSubdomains: boolean;
}

const hostPattern = /^(?:\[(?<ipv6>[0-9a-f:.]+)\]|(?<name>[a-z0-9._-]+))(?::(?<port>\d{1,5}))?$/;

/** Parses a `Host` (or `X-Forwarded-Host`) value; undefined when it is not a host at all. */
export function parseHost(value: string | null | undefined): RequestHost | undefined {
  const trimmed = value?.trim().toLowerCase();
  if (!trimmed) return undefined;
  const match = hostPattern.exec(trimmed);
  if (!match?.groups) return undefined;
  const { ipv6, name, port } = match.groups;
  if (ipv6 !== undefined && isIP(ipv6) !== 6) return undefined;
  const hostname = (ipv6 ?? name).replace(/\.$/, "");
  if (!hostname) return undefined;
  return port === undefined ? { hostname } : { hostname, port };
}

/** Names that always reach this machine: `localhost` (and `*.localhost`), 127.0.0.0/8 and ::1. */
export function isLoopbackHostname(hostname: string): boolean {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true;
  if (isIP(hostname) === 4) return hostname.startsWith("127.");
  if (isIP(hostname) === 6) return hostname === "::1" || hostname === "0:0:0:0:0:0:0:1";
  return false;
}

/** Reads ALLOWED_HOSTS: comma-separated names, each optionally `:port`, `.domain` for a domain and its subdomains. */
export function parseAllowedHosts(value: string | undefined): AllowedHost[] {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const includeSubdomains = entry.startsWith(".");
    const host = parseHost(includeSubdomains ? entry.slice(1) : entry);
    if (!host) {
      throw new Error(
        `Invalid configuration: ALLOWED_HOSTS: "${entry}" is not a host name (write names like agents.example.com, 192.168.1.20:3000 or .example.com).`,
      );
    }
    return { ...host, includeSubdomains };
  });
}

/** Whether the app answers to this host: loopback always, anything else only when ALLOWED_HOSTS names it. */
export function isServedHost(host: RequestHost, allowedHosts: readonly AllowedHost[]): boolean {
  if (isLoopbackHostname(host.hostname)) return true;
  return allowedHosts.some((allowed) => {
    if (allowed.port !== undefined && allowed.port !== host.port) return false;
    if (host.hostname === allowed.hostname) return true;
    return allowed.includeSubdomains && host.hostname.endsWith(`.${allowed.hostname}`);
  });
}

/** `hostname:port` with the scheme's default port filled in, so `a` and `a:80` compare equal over http. */
export function authorityOf(host: RequestHost, protocol: "http:" | "https:"): string {
  const port = host.port ?? (protocol === "https:" ? "443" : "80");
  return `${host.hostname}:${port}`;
}
