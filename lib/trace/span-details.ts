import type { TraceSpan } from "./types";

/** What the timeline shows of a span besides its name and timing. */
export interface SpanDetails {
  model?: string;
  inputTokens?: number;
  outputTokens?: number;
  input?: string;
  output?: string;
  error?: string;
}

const inputKeys = ["gen_ai.tool.call.arguments", "gen_ai.input.messages", "app.run.input"];
const outputKeys = ["gen_ai.tool.call.result", "gen_ai.output.messages"];

/** Picks the model, token usage, input, output and error out of a span's GenAI attributes. */
export function describeSpanDetails(span: TraceSpan): SpanDetails {
  const { attributes } = span;
  const model = text(attributes["gen_ai.response.model"]) ?? text(attributes["gen_ai.request.model"]);
  return {
    // Agent spans name their model too, but it is the model call that used it.
    model: span.kind === "chat" ? model : undefined,
    inputTokens: number(attributes["gen_ai.usage.input_tokens"]),
    outputTokens: number(attributes["gen_ai.usage.output_tokens"]),
    input: firstReadable(attributes, inputKeys),
    output: firstReadable(attributes, outputKeys),
    error: text(attributes["error.message"]),
  };
}

function firstReadable(attributes: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = text(attributes[key]);
    if (value !== undefined) return prettyJson(value);
  }
  return undefined;
}

/** Indents JSON so that messages and tool arguments are readable; other text is left as it is. */
export function prettyJson(value: string): string {
  const trimmed = value.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return value;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    // Truncated attributes are no longer valid JSON; show them as stored.
    return value;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** "850 ms", "2.4 s", "3 min 05 s". */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(milliseconds < 10_000 ? 2 : 1)} s`;
  const totalSeconds = Math.round(milliseconds / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes} min ${String(seconds).padStart(2, "0")} s`;
}
