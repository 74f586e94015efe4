import type { UIMessage } from "ai";

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

/** The one message type of the app, shared by the route, the store and `useChat`. */
export type ChatMessage = UIMessage<ChatMetadata>;
