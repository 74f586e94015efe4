"use client";

import { readUIMessageStream, type UIMessage, type UIMessageChunk } from "ai";
import { createContext, useContext, useSyncExternalStore } from "react";
import type { AgentProgressData } from "@/lib/chat/chat-message";

interface LiveAgent {
  controller: ReadableStreamDefaultController<UIMessageChunk>;
  message?: UIMessage;
}

/**
 * The sub-agents' messages while they stream: each tool call's chunks (from `data-agent-progress`
 * parts) are replayed through the AI SDK's own `readUIMessageStream`, so a lane shows exactly the
 * message the server builds, without the server sending it again and again.
 */
export class AgentProgressStore {
  private readonly agents = new Map<string, LiveAgent>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  /** Takes the next chunks of one sub-agent. */
  apply({ toolCallId, chunks }: AgentProgressData): void {
    let agent = this.agents.get(toolCallId);
    if (!agent) agent = this.follow(toolCallId);
    for (const chunk of chunks) agent.controller.enqueue(chunk);
  }

  /** The sub-agent's message so far, or undefined before its first chunk. */
  message(toolCallId: string): UIMessage | undefined {
    return this.agents.get(toolCallId)?.message;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): number => this.version;

  private follow(toolCallId: string): LiveAgent {
    let controller!: ReadableStreamDefaultController<UIMessageChunk>;
    const stream = new ReadableStream<UIMessageChunk>({
      start: (started) => {
        controller = started;
      },
    });
    const agent: LiveAgent = { controller };
    this.agents.set(toolCallId, agent);
    const replay = async () => {
      for await (const message of readUIMessageStream<UIMessage>({ stream })) {
        agent.message = message;
        this.version += 1;
        for (const listener of this.listeners) listener();
      }
    };
    void replay();
    return agent;
  }
}

const AgentProgressContext = createContext<AgentProgressStore | undefined>(undefined);

export const AgentProgressProvider = AgentProgressContext.Provider;

/** A sub-agent's live message for its tool call (undefined outside a chat, or before it streams). */
export function useAgentProgress(toolCallId: string): UIMessage | undefined {
  const store = useContext(AgentProgressContext);
  useSyncExternalStore(store?.subscribe ?? (() => () => {}), store?.snapshot ?? (() => 0), () => 0);
  return store?.message(toolCallId);
}
