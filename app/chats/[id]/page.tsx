import { notFound } from "next/navigation";
import { describeTeam } from "@/agents/registry";
import { Chat } from "@/components/chat/chat";
import { getChat } from "@/lib/chat/chat-store";
import { activeRun } from "@/lib/runs/chat-runs";

export const dynamic = "force-dynamic";

export default async function ChatPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // A run whose server died is settled first, so the page shows its answer as far as it got.
  const running = await activeRun(id);
  const chat = await getChat(id);
  if (!chat) notFound();
  return (
    <Chat
      key={id}
      id={id}
      initialMessages={chat.messages}
      team={describeTeam()}
      resume={running !== undefined}
    />
  );
}
