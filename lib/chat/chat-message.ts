import type { UIMessage, UIMessageChunk } from "ai";

/** What the server attaches to each answer. */
export interface ChatMetadata {
  traceId?: string;
  offline?: boolean;
  createdAt?: number;
  durationMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  /** Why the run failed, kept so a reload still says so. */
  error?: string;
}

/**
 * A sub-agent's progress, live: the next chunks of its own UI message stream, for the manager's tool
 * call `toolCallId`. Sent as transient data parts (never saved); the browser replays them into the
 * sub-agent's message, and the tool's final output carries the whole message once.
 */
export interface AgentProgressData {
  toolCallId: string;
  chunks: UIMessageChunk[];
}

/** The data parts of the app's messages. */
export type ChatDataParts = {
  "agent-progress": AgentProgressData;
};

/** The one message type of the app, shared by the route, the store and `useChat`. */
export type ChatMessage = UIMessage<ChatMetadata, ChatDataParts>;
