"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, type FileUIPart } from "ai";
import { useEffect, useMemo, useRef, useState } from "react";
import { announceChatsChanged } from "@/components/shell/conversation-list";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { AgentProgressProvider, AgentProgressStore } from "./agent-progress";
import { AgentToggles, type TeamMember } from "./agent-toggles";
import { Composer } from "./composer";
import { MessageView } from "./message-view";

/**
 * Uploads the files attached to a message, once: the server stores each by content address and
 * reads it once, and the message refers to it by URL, so later turns never carry the bytes again.
 */
async function uploadAttachments(files: File[]): Promise<FileUIPart[]> {
  if (files.length === 0) return [];
  const form = new FormData();
  for (const file of files) form.append("file", file, file.name);
  const response = await fetch("/api/attachments", { method: "POST", body: form });
  const body = (await response.json().catch(() => ({}))) as {
    error?: string;
    attachments?: Array<{ url: string; name: string; mediaType: string }>;
  };
  if (!response.ok || !body.attachments) throw new Error(body.error ?? "The files could not be attached.");
  return body.attachments.map((attachment) => ({
    type: "file",
    filename: attachment.name,
    mediaType: attachment.mediaType,
    url: attachment.url,
  }));
}

interface ChatProps {
  id: string;
  initialMessages: ChatMessage[];
  team: TeamMember[];
  /** What the message box starts with. */
  draft?: string;
  /** The conversation's answer is still being written: follow it (replayed from its start). */
  resume?: boolean;
}

/** The server's `{ error }` message when a request failed with one, else the error's own text. */
function errorText(error: Error): string {
  try {
    const body = JSON.parse(error.message) as { error?: unknown };
    if (typeof body.error === "string") return body.error;
  } catch {
    // Not a JSON error body: the message is the text to show.
  }
  return error.message || "The answer failed.";
}

/** The conversation: messages streaming in live, the agents' lanes, errors, and the composer. */
export function Chat({ id, initialMessages, team, draft, resume = false }: ChatProps) {
  const [disabledAgents, setDisabledAgents] = useState<ReadonlySet<string>>(new Set());
  const disabledRef = useRef(disabledAgents);
  disabledRef.current = disabledAgents;
  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatMessage>({
        api: "/api/chat",
        // The server owns the conversation: a request carries only the new message.
        prepareSendMessagesRequest: ({ id, messages, trigger, messageId }) => ({
          body: {
            id,
            trigger,
            messageId,
            messages: messages.slice(-1),
            disabledAgents: [...disabledRef.current],
          },
        }),
      }),
    [],
  );
  const progress = useMemo(() => new AgentProgressStore(), []);
  const { messages, sendMessage, status, stop, error } = useChat<ChatMessage>({
    id,
    messages: initialMessages,
    transport,
    // Runs outlive their request: a reload or a second tab replays the running answer and follows it.
    resume,
    onData: (part) => {
      if (part.type === "data-agent-progress") progress.apply(part.data);
    },
    // The server saves the conversation as the stream ends, before the client sees the end.
    onFinish: () => announceChatsChanged(),
  });
  const bottomRef = useRef<HTMLDivElement>(null);
  const messageCount = messages.length;
  useEffect(() => {
    if (messageCount > 0) bottomRef.current?.scrollIntoView?.({ block: "end" });
  }, [messageCount]);

  const busy = status === "submitted" || status === "streaming";
  // Closing the tab or reloading leaves the run going; only Stop ends it, on whichever server runs it.
  const [stopError, setStopError] = useState<string>();
  const stopRun = async () => {
    setStopError(undefined);
    const requestStop = async () => {
      const response = await fetch(`/api/chat/${encodeURIComponent(id)}/stop`, { method: "POST" });
      const body = (await response.json().catch(() => ({}))) as {
        run?: { status: string } | null;
        error?: string;
      };
      if (!response.ok) throw new Error(body.error ?? "The answer could not be stopped. Try again.");
      return body.run;
    };
    try {
      // Pressed before the server had started the run: once more, when it has.
      if ((await requestStop()) === null && status === "submitted") {
        await new Promise((resolve) => setTimeout(resolve, 500));
        await requestStop();
      }
      await stop();
    } catch (failure) {
      // The run goes on (and this tab keeps following it): say so rather than pretend it stopped.
      setStopError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const [attachError, setAttachError] = useState<string>();
  const send = async (text: string, files: File[]) => {
    if (window.location.pathname !== `/chats/${id}`) window.history.replaceState(null, "", `/chats/${id}`);
    setAttachError(undefined);
    try {
      const fileParts = await uploadAttachments(files);
      await sendMessage(fileParts.length > 0 ? { text, files: fileParts } : { text });
    } catch (failure) {
      setAttachError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const toggle = (toolName: string, enabled: boolean) => {
    const next = new Set(disabledAgents);
    if (enabled) next.delete(toolName);
    else next.add(toolName);
    setDisabledAgents(next);
  };

  return (
    <AgentProgressProvider value={progress}>
      <div className="flex h-full min-h-0 flex-1 flex-col">
        <div className="flex items-center justify-end gap-2 border-b border-zinc-200 px-4 py-2">
          <AgentToggles team={team} disabled={disabledAgents} onChange={toggle} />
        </div>
        <div
          role="log"
          aria-label="Conversation"
          aria-live="polite"
          className="flex-1 space-y-6 overflow-y-auto px-4 py-6"
        >
          {messages.length === 0 && (
            <p className="mx-auto max-w-md pt-16 text-center text-zinc-500">
              Ask about your documents, the web, an image to draw, or something to compute. Ask for several at
              once and the agents work in parallel.
            </p>
          )}
          {messages.map((message) => (
            <MessageView key={message.id} message={message} />
          ))}
          {status === "submitted" && <p className="text-sm text-zinc-500">Thinking…</p>}
          {stopError && (
            <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
              {stopError}
            </div>
          )}
          {attachError && (
            <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
              {attachError}
            </div>
          )}
          {error && !messages.at(-1)?.metadata?.error && (
            <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
              {errorText(error)}
            </div>
          )}
          <div ref={bottomRef} />
        </div>
        <div className="border-t border-zinc-200 p-4">
          <Composer
            busy={busy}
            initialText={draft}
            onSend={(text, files) => void send(text, files)}
            onStop={() => void stopRun()}
          />
        </div>
      </div>
    </AgentProgressProvider>
  );
}
