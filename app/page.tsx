import { describeTeam } from "@/agents/registry";
import { Chat } from "@/components/chat/chat";

export const dynamic = "force-dynamic";

const maxDraftLength = 500;

interface NewChatPageProps {
  searchParams: Promise<{ draft?: string | string[] }>;
}

/** A new conversation; `?draft=` starts the message box with that text (a document's “Ask about it”). */
export default async function NewChatPage({ searchParams }: NewChatPageProps) {
  const { draft } = await searchParams;
  const text = (Array.isArray(draft) ? draft[0] : draft)?.slice(0, maxDraftLength);
  return <Chat key="new" id={crypto.randomUUID()} initialMessages={[]} team={describeTeam()} draft={text} />;
}
