import { errorResponse } from "@/lib/errors";
import { stopChatRun } from "@/lib/runs/chat-runs";
import { guardRoute } from "@/lib/security/guard-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/**
 * Stops the conversation's running run, wherever it runs, and answers once it has ended: `run` is
 * the run as it is then (`status` "stopped", or how it ended first), null when nothing was running.
 */
async function postRoute(_request: Request, { params }: Context) {
  try {
    const { id } = await params;
    const run = await stopChatRun(id);
    return Response.json({ run: run ?? null });
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = guardRoute(postRoute);
