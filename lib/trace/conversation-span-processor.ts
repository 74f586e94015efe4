import { type Context, createContextKey } from "@opentelemetry/api";
import type { Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { conversationIdAttribute } from "./span-attributes";

const conversationIdKey = createContextKey("agent-team.conversation-id");

/** A context whose spans (and their descendants) belong to the conversation `conversationId`. */
export function withConversationId(parent: Context, conversationId: string): Context {
  return parent.setValue(conversationIdKey, conversationId);
}

/**
 * Puts `gen_ai.conversation.id` on every span started in a run's context, not just its root: the
 * AI SDK does not know the conversation, and backends group spans by it. Registered first, so the
 * store and the OTLP exporter both see the attribute.
 */
export class ConversationSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const conversationId = parentContext.getValue(conversationIdKey);
    if (typeof conversationId === "string" && span.attributes[conversationIdAttribute] === undefined) {
      span.setAttribute(conversationIdAttribute, conversationId);
    }
  }

  onEnd(): void {}

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
