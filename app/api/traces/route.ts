import { AppError, errorResponse } from "@/lib/errors";
import { guardRoute } from "@/lib/security/guard-route";
import { listTraces } from "@/lib/trace/trace-list";
import { parseListTracesQuery } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Recent chat runs, newest first: `{ traces: [...] }`, filtered by
 * `?status=running|ok|error&agent=&q=&since=&until=&limit=`.
 */
async function getRoute(request: Request): Promise<Response> {
  try {
    const query = parseListTracesQuery(new URL(request.url).searchParams);
    if (!query.success) {
      throw new AppError(
        "bad_request",
        `${query.error.issues[0].message} Filters: status, agent, q, since, until, and limit (1 to 500).`,
      );
    }
    return Response.json({ traces: await listTraces(query.data) });
  } catch (error) {
    return errorResponse(error);
  }
}

export const GET = guardRoute(getRoute);
