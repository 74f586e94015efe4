import { listChats } from "@/lib/chat/chat-store";
import { guardRoute } from "@/lib/security/guard-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function getRoute() {
  return Response.json({ chats: await listChats() });
}

export const GET = guardRoute(getRoute);
