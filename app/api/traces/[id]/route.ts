import { guardRoute } from "@/lib/security/guard-route";
import { getTrace } from "@/lib/trace/trace-queries";
import { respondWithTrace } from "../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** One run and all its spans: `{ id, name, status, startTime, endTime, spans: [...] }`. */
function getRoute(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respondWithTrace(params, getTrace);
}

export const GET = guardRoute(getRoute);
