import Link from "next/link";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { asToolPart, toolNameOf } from "./tool-part";

/** One line under an answer: the agents it used, its steps, tokens and time, and a link to its trace. */
export function RunSummary({ message }: { message: ChatMessage }) {
  const metadata = message.metadata;
  if (!metadata?.traceId) return null;
  const agents = new Set(message.parts.map(asToolPart).flatMap((part) => (part ? [toolNameOf(part)] : [])));
  const steps = message.parts.filter((part) => part.type === "step-start").length;
  const tokens = (metadata.inputTokens ?? 0) + (metadata.outputTokens ?? 0);
  const details = [
    agents.size ? [...agents].join(", ") : "no agents",
    `${steps} steps`,
    tokens ? `${tokens} tokens` : undefined,
    metadata.durationMs !== undefined ? `${(metadata.durationMs / 1000).toFixed(1)} s` : undefined,
  ].filter(Boolean);
  return (
    <p className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
      <span>{details.join(" · ")}</span>
      <Link href={`/traces/${metadata.traceId}`} className="text-sky-700 underline">
        View trace
      </Link>
    </p>
  );
}
