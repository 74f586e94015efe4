import { notFound } from "next/navigation";
import { describeTeam } from "@/agents/registry";
import { Chat } from "@/components/chat/chat";
import { getChat } from "@/lib/chat/chat-store";

export const dynamic = "force-dynamic";

export default async function ChatPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const chat = await getChat(id);
  if (!chat) notFound();
  return <Chat key={id} id={id} initialMessages={chat.messages} team={describeTeam()} />;
}
