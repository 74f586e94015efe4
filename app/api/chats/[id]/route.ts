import { deleteChat, getChat } from "@/lib/chat/chat-store";
import { AppError, errorResponse } from "@/lib/errors";
import { stopChatRun } from "@/lib/runs/chat-runs";
import { deleteRunsOfChat } from "@/lib/runs/run-store";
import { guardRoute } from "@/lib/security/guard-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

async function getRoute(_request: Request, { params }: Context) {
  const { id } = await params;
  const chat = await getChat(id);
  return chat
    ? Response.json({ chat })
    : errorResponse(new AppError("not_found", "No conversation with that id."));
}

async function deleteRoute(_request: Request, { params }: Context) {
  const { id } = await params;
  // A run still answering is stopped first: it would store its answer into the deleted conversation.
  const run = await stopChatRun(id);
  if (run?.status === "running") {
    return errorResponse(
      new AppError("conflict", "The conversation's answer is still stopping. Delete it again in a moment."),
    );
  }
  await deleteRunsOfChat(id);
  if (!(await deleteChat(id)))
    return errorResponse(new AppError("not_found", "No conversation with that id."));
  return new Response(null, { status: 204 });
}

export const GET = guardRoute(getRoute);
export const DELETE = guardRoute(deleteRoute);
