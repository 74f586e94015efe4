import type { SpansTable } from "@/lib/db/schema";
import { errorMessageAttribute } from "./span-attributes";

/** The facts of a span that get columns of their own (see `SpansTable`), read from its attributes. */
export type SpanFacts = Pick<
  SpansTable,
  "agent_name" | "model" | "tool_call_id" | "input_tokens" | "output_tokens" | "error_message"
>;

function text(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}

function count(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? Math.round(value) : null;
}

/** Reads the column facts out of a span's (already sanitised) attributes. */
export function spanFacts(attributes: Record<string, unknown>): SpanFacts {
  return {
    agent_name: text(attributes["gen_ai.agent.name"]),
    model: text(attributes["gen_ai.response.model"]) ?? text(attributes["gen_ai.request.model"]),
    tool_call_id: text(attributes["gen_ai.tool.call.id"]),
    input_tokens: count(attributes["gen_ai.usage.input_tokens"]),
    output_tokens: count(attributes["gen_ai.usage.output_tokens"]),
    error_message: text(attributes[errorMessageAttribute]),
  };
}
