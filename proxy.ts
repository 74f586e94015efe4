import { type NextRequest, NextResponse } from "next/server";
import { refuseForeignRequest, withSecurityHeaders } from "@/lib/security/guard-route";
import { createNonce, pageContentSecurityPolicy } from "@/lib/security/security-headers";

/**
 * The request guard in front of every page and static file, and each page's Content-Security-Policy
 * with a fresh nonce. API routes (`/api/…`, `/v1/…`) are guarded by `guardRoute` in their handlers.
 */
export function proxy(request: NextRequest): Response {
  const refusal = refuseForeignRequest(request);
  if (refusal) return refusal;
  const nonce = createNonce();
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  // Next reads the nonce from the request's policy and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  requestHeaders.set("x-nonce", nonce);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), policy);
}

export const config = {
  // Everything but the API routes, whose bodies a proxy would buffer (see lib/security/guard-route.ts).
  matcher: ["/((?!api/|api$|v1/|v1$).*)"],
};
