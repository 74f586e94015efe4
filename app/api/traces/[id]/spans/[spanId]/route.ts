import { AppError, errorResponse } from "@/lib/errors";
import { guardRoute } from "@/lib/security/guard-route";
import { getSpan } from "@/lib/trace/trace-queries";
import { spanIdSchema, traceIdSchema } from "../../../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** One span of a run with all its attributes: its inputs, outputs and error. */
async function getRoute(
  _request: Request,
  { params }: { params: Promise<{ id: string; spanId: string }> },
): Promise<Response> {
  try {
    const { id, spanId } = await params;
    const valid = traceIdSchema.safeParse(id).success && spanIdSchema.safeParse(spanId).success;
    const span = valid ? await getSpan(id, spanId) : undefined;
    if (!span) {
      throw new AppError(
        "not_found",
        "There is no such span in this trace. Open the trace to see its spans, or /traces for the recent runs.",
      );
    }
    return Response.json(span);
  } catch (error) {
    return errorResponse(error);
  }
}

export const GET = guardRoute(getRoute);
