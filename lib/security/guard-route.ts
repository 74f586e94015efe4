import { errorResponse } from "@/lib/errors";
import { type AllowedHost, parseAllowedHosts } from "./host-names";
import { checkRequest } from "./request-guard";
import { baseSecurityHeaders, resourceContentSecurityPolicy } from "./security-headers";

let allowedHosts: { source: string | undefined; hosts: AllowedHost[] } | undefined;

/** ALLOWED_HOSTS as the server process has it now (read at run time, never inlined by the build). */
function currentAllowedHosts(): AllowedHost[] {
  const source = process.env.ALLOWED_HOSTS;
  if (!allowedHosts || allowedHosts.source !== source) {
    allowedHosts = { source, hosts: parseAllowedHosts(source) };
  }
  return allowedHosts.hosts;
}

/** Adds the headers every response carries, and its Content-Security-Policy. */
export function withSecurityHeaders(response: Response, policy = resourceContentSecurityPolicy): Response {
  for (const [name, value] of Object.entries(baseSecurityHeaders)) response.headers.set(name, value);
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

/** The guard's answer for a request, or undefined when the request may go on. */
export function refuseForeignRequest(request: Request): Response | undefined {
  const url = new URL(request.url);
  let headers = request.headers;
  // Every HTTP/1.1 client sends Host; a Request made in-process (tests) has only its URL, whose host stands in.
  if (!headers.has("host")) {
    headers = new Headers(headers);
    headers.set("host", url.host);
  }
  const refusal = checkRequest(
    { method: request.method, pathname: url.pathname, headers },
    currentAllowedHosts(),
  );
  return refusal && withSecurityHeaders(errorResponse(refusal));
}

const guardedHandlers = new WeakSet<object>();

/**
 * Wraps an API route handler in the request guard (see `checkRequest`). API routes are guarded here
 * rather than in proxy.ts because Next buffers every request body that passes through a proxy (and cuts
 * it at 10 MB), which would break uploads; the guard reads only headers, so a refusal costs no body.
 */
export function guardRoute<Context = undefined>(
  handler: (request: Request, context: Context) => Response | Promise<Response>,
): (
  request: Request,
  ...context: undefined extends Context ? [context?: Context] : [context: Context]
) => Promise<Response> {
  const guarded = async (request: Request, ...rest: [context?: Context]): Promise<Response> => {
    const refusal = refuseForeignRequest(request);
    if (refusal) return refusal;
    return withSecurityHeaders(await handler(request, rest[0] as Context));
  };
  guardedHandlers.add(guarded);
  return guarded;
}

/** Whether a route export went through `guardRoute` (a test checks every route). */
export function isGuardedRoute(handler: unknown): boolean {
  return typeof handler === "function" && guardedHandlers.has(handler);
}
