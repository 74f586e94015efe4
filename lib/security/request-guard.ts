import { AppError } from "@/lib/errors";
import { type AllowedHost, authorityOf, isServedHost, parseHost, type RequestHost } from "./host-names";

/** What the guard reads of a request: nothing of its body. */
export interface GuardedRequest {
  method: string;
  pathname: string;
  headers: Headers;
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** Routes whose body is JSON and nothing else: a form or text/plain body there is a cross-site trick. */
const jsonOnlyRoutes = new Set(["/api/chat"]);

/**
 * Checks a request before any route or page sees it, and returns the refusal to send, if any:
 * - a `Host` (or `X-Forwarded-Host`) the app does not serve gets 421: DNS rebinding reads nothing;
 * - a state-changing request from another site (foreign or opaque `Origin`, `Sec-Fetch-Site`
 *   cross-site or same-site) gets 403; requests without `Origin`, as curl sends them, pass;
 * - a cross-site subresource request (`<img>`, `<script>`, `fetch` in no-cors mode) for an API gets 403;
 * - `POST /api/chat` with a body that is not `application/json` gets 415.
 */
export function checkRequest(
  request: GuardedRequest,
  allowedHosts: readonly AllowedHost[],
): AppError | undefined {
  const served = servedHosts(request.headers, allowedHosts);
  if (served instanceof AppError) return served;
  const method = request.method.toUpperCase();
  const fetchSite = request.headers.get("sec-fetch-site")?.toLowerCase();
  if (!safeMethods.has(method)) {
    const refusal = checkOrigin(request.headers.get("origin"), fetchSite, served);
    if (refusal) return refusal;
    if (jsonOnlyRoutes.has(request.pathname) && !isJson(request.headers.get("content-type"))) {
      return new AppError(
        "unsupported_media_type",
        `${request.pathname} accepts only application/json; send the chat request as JSON.`,
      );
    }
    return undefined;
  }
  if (isApiPath(request.pathname) && fetchSite === "cross-site" && !isNavigation(request.headers)) {
    return new AppError("forbidden", "Another site cannot read this app's data.");
  }
  return undefined;
}

function servedHosts(headers: Headers, allowedHosts: readonly AllowedHost[]): RequestHost[] | AppError {
  const hosts: RequestHost[] = [];
  for (const name of ["host", "x-forwarded-host"] as const) {
    const value = headers.get(name);
    if (value === null && name === "x-forwarded-host") continue;
    // A proxy that appends lists hosts comma-separated; only the last one was set by a proxy (the
    // first may come from the client itself), so that is the one checked.
    const host = parseHost(value?.split(",").at(-1));
    if (!host || !isServedHost(host, allowedHosts)) {
      return new AppError(
        "misdirected_request",
        "This server does not answer to that host name. If it is your own name for the app (a proxy or a LAN address), add it to ALLOWED_HOSTS.",
      );
    }
    hosts.push(host);
  }
  return hosts;
}

const crossSiteRefusal =
  "This request came from another site; the app accepts changes only from its own pages.";

function checkOrigin(
  origin: string | null,
  fetchSite: string | undefined,
  served: readonly RequestHost[],
): AppError | undefined {
  if (fetchSite === "cross-site" || fetchSite === "same-site")
    return new AppError("forbidden", crossSiteRefusal);
  if (origin === null) return undefined;
  // Browsers send "null" from sandboxed frames, file: pages and some redirects; only a same-origin one is ours.
  if (origin === "null")
    return fetchSite === "same-origin" ? undefined : new AppError("forbidden", crossSiteRefusal);
  const originUrl = URL.parse(origin);
  const originHost = parseHost(originUrl?.host);
  if (!originUrl || !originHost || (originUrl.protocol !== "http:" && originUrl.protocol !== "https:")) {
    return new AppError("forbidden", crossSiteRefusal);
  }
  const protocol = originUrl.protocol;
  const originAuthority = authorityOf(originHost, protocol);
  const ours = served.some((host, index) =>
    // A forwarded host without a port (nginx's $host drops it) stands for any port of that name.
    index > 0 && host.port === undefined
      ? host.hostname === originHost.hostname
      : authorityOf(host, protocol) === originAuthority,
  );
  return ours ? undefined : new AppError("forbidden", crossSiteRefusal);
}

function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/") || pathname.startsWith("/v1/");
}

function isNavigation(headers: Headers): boolean {
  const mode = headers.get("sec-fetch-mode");
  return mode === "navigate" || mode === "nested-navigate";
}

function isJson(contentType: string | null): boolean {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  return mediaType === "application/json";
}
