import { guardRoute } from "@/lib/security/guard-route";
import { getTraceTimeline } from "@/lib/trace/trace-queries";
import { respondWithTrace } from "../../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * One run with its spans as waterfall rows: timing, status, model, tokens, agent, tool call id and
 * the start of any error, without inputs and outputs. The live timeline polls this.
 */
function getRoute(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respondWithTrace(params, getTraceTimeline);
}

export const GET = guardRoute(getRoute);
