import { deleteChat, getChat } from "@/lib/chat/chat-store";
import { AppError, errorResponse } from "@/lib/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Context) {
  const { id } = await params;
  const chat = getChat(id);
  return chat
    ? Response.json({ chat })
    : errorResponse(new AppError("not_found", "No conversation with that id."));
}

export async function DELETE(_request: Request, { params }: Context) {
  const { id } = await params;
  if (!deleteChat(id)) return errorResponse(new AppError("not_found", "No conversation with that id."));
  return new Response(null, { status: 204 });
}
