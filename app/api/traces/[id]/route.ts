import { AppError, errorResponse } from "@/lib/errors";
import { getTrace } from "@/lib/trace/trace-queries";
import { traceIdSchema } from "../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** One run and all its spans: `{ id, name, status, startTime, endTime, spans: [...] }`. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  try {
    const { id } = await params;
    const trace = traceIdSchema.safeParse(id).success ? getTrace(id) : undefined;
    if (!trace) {
      throw new AppError("not_found", "There is no trace with this id. Open /traces to see the recent runs.");
    }
    return Response.json(trace);
  } catch (error) {
    return errorResponse(error);
  }
}
