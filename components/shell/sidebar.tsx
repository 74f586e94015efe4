import Link from "next/link";
import { listChats } from "@/lib/chat/chat-store";
import { ConversationList } from "./conversation-list";
import { ModelNotice } from "./model-notice";

/** Navigation, the conversation list and the model notice. */
export async function Sidebar() {
  const chats = await listChats();
  return (
    <aside className="flex w-64 shrink-0 flex-col gap-4 border-r border-zinc-200 bg-white p-3">
      <Link href="/" className="text-lg font-semibold">
        Agent Team
      </Link>
      <nav aria-label="Main" className="flex flex-col gap-1 text-sm">
        <Link href="/" className="rounded-lg bg-sky-600 px-3 py-2 text-center text-white">
          New chat
        </Link>
        <Link href="/knowledge" className="rounded-lg px-3 py-1.5 hover:bg-zinc-100">
          Knowledge base
        </Link>
        <Link href="/images" className="rounded-lg px-3 py-1.5 hover:bg-zinc-100">
          Images
        </Link>
        <Link href="/traces" className="rounded-lg px-3 py-1.5 hover:bg-zinc-100">
          Traces
        </Link>
      </nav>
      <nav aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto text-sm">
        <h2 className="mb-1 px-3 text-xs font-semibold uppercase text-zinc-500">Conversations</h2>
        <ConversationList initialChats={chats.map(({ id, title }) => ({ id, title }))} />
      </nav>
      <ModelNotice />
    </aside>
  );
}
