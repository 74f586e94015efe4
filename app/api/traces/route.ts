import { AppError, errorResponse } from "@/lib/errors";
import { listTraces } from "@/lib/trace/trace-queries";
import { listTracesQuerySchema } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Recent chat runs, newest first: `{ traces: [...] }`. */
export function GET(request: Request): Response {
  try {
    const limit = new URL(request.url).searchParams.get("limit") ?? undefined;
    const query = listTracesQuerySchema.safeParse({ limit });
    if (!query.success) {
      throw new AppError(
        "bad_request",
        `${query.error.issues[0].message} Use ?limit= with a number from 1 to 500.`,
      );
    }
    return Response.json({ traces: listTraces({ limit: query.data.limit }) });
  } catch (error) {
    return errorResponse(error);
  }
}
