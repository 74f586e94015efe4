import { listChats } from "@/lib/chat/chat-store";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ chats: listChats() });
}
