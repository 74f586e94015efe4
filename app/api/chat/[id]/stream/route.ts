import { createUIMessageStreamResponse } from "ai";
import { errorResponse } from "@/lib/errors";
import { activeRun, followRun } from "@/lib/runs/chat-runs";
import { guardRoute } from "@/lib/security/guard-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 300;

type Context = { params: Promise<{ id: string }> };

/**
 * The reconnect route of `useChat({ resume: true })`: the conversation's running run, replayed from
 * its first chunk and followed live, from whichever replica runs it; 204 when nothing runs.
 */
async function getRoute(_request: Request, { params }: Context) {
  try {
    const { id } = await params;
    const run = await activeRun(id);
    if (!run) return new Response(null, { status: 204 });
    return createUIMessageStreamResponse({
      stream: followRun(run.id),
      headers: { "X-Run-Id": run.id, ...(run.traceId ? { "X-Trace-Id": run.traceId } : {}) },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export const GET = guardRoute(getRoute);
