"use client";

import Link from "next/link";
import { useEffect, useState } from "react";

export interface ConversationSummary {
  id: string;
  title: string;
}

/** Announces that a conversation was saved, so the list refreshes without reloading the page. */
export function announceChatsChanged() {
  window.dispatchEvent(new Event("chats:changed"));
}

/** The saved conversations, refreshed whenever a run finishes. */
export function ConversationList({ initialChats }: { initialChats: ConversationSummary[] }) {
  const [chats, setChats] = useState(initialChats);
  useEffect(() => {
    const refresh = async () => {
      const response = await fetch("/api/chats");
      if (response.ok) setChats(((await response.json()) as { chats: ConversationSummary[] }).chats);
    };
    const onChange = () => void refresh();
    window.addEventListener("chats:changed", onChange);
    return () => window.removeEventListener("chats:changed", onChange);
  }, []);
  return (
    <ul className="space-y-0.5">
      {chats.map((chat) => (
        <li key={chat.id}>
          <Link
            href={`/chats/${chat.id}`}
            className="block truncate rounded-lg px-3 py-1.5 hover:bg-zinc-100"
          >
            {chat.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}
