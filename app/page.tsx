import { describeTeam } from "@/agents/registry";
import { Chat } from "@/components/chat/chat";

export const dynamic = "force-dynamic";

export default function NewChatPage() {
  return <Chat key="new" id={crypto.randomUUID()} initialMessages={[]} team={describeTeam()} />;
}
