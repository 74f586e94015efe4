import Link from "next/link";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { asToolPart, toolNameOf } from "./tool-part";

type Part = ChatMessage["parts"][number];

/** Steps of the manager and, inside its tool parts, of every sub-agent (their messages are the tools' output). */
function countSteps(parts: readonly Part[]): number {
  let steps = 0;
  for (const part of parts) {
    if (part.type === "step-start") steps++;
    const output = asToolPart(part)?.output as { parts?: unknown } | undefined;
    if (Array.isArray(output?.parts)) steps += countSteps(output.parts as Part[]);
  }
  return steps;
}

/** "850 ms", "2.4 s". */
function formatSeconds(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(1)} s`;
}

/** One line under an answer: the agents it used, its steps, tokens and time, and a link to its trace. */
export function RunSummary({ message }: { message: ChatMessage }) {
  const metadata = message.metadata;
  if (!metadata?.traceId) return null;
  const agents = new Set(message.parts.map(asToolPart).flatMap((part) => (part ? [toolNameOf(part)] : [])));
  const steps = countSteps(message.parts);
  const tokens = (metadata.inputTokens ?? 0) + (metadata.outputTokens ?? 0);
  const details = [
    agents.size ? `Agents: ${[...agents].join(", ")}` : "No agents",
    `${steps} ${steps === 1 ? "step" : "steps"}`,
    metadata.inputTokens !== undefined ? `${tokens.toLocaleString("en")} tokens` : undefined,
    metadata.durationMs !== undefined ? formatSeconds(metadata.durationMs) : undefined,
  ].filter(Boolean);
  return (
    <p data-slot="run-summary" className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
      <span>{details.join(" · ")}</span>
      <Link href={`/traces/${metadata.traceId}`} className="text-sky-700 underline">
        View trace
      </Link>
    </p>
  );
}
