import { AppError, errorResponse } from "@/lib/errors";
import { getTraceTimeline } from "@/lib/trace/trace-queries";
import { traceIdSchema } from "../../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * One run with its spans as waterfall rows: timing, status, model, tokens, agent, tool call id and
 * the start of any error, without inputs and outputs. The live timeline polls this.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  try {
    const { id } = await params;
    const timeline = traceIdSchema.safeParse(id).success ? getTraceTimeline(id) : undefined;
    if (!timeline) {
      throw new AppError("not_found", "There is no trace with this id. Open /traces to see the recent runs.");
    }
    return Response.json(timeline);
  } catch (error) {
    return errorResponse(error);
  }
}
