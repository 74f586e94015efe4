import type { UIMessage } from "ai";
import { GeneratedImage } from "./generated-image";
import { Markdown } from "./markdown";
import { StatusBadge } from "./status-badge";
import { asToolPart, statusOf, type ToolPartView, toolNameOf } from "./tool-part";

function summarizeInput(part: ToolPartView): string {
  const input = (part.input ?? {}) as Record<string, unknown>;
  const value = input.query ?? input.url ?? input.prompt ?? "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function summarizeOutput(part: ToolPartView): string | undefined {
  const output = part.output as Record<string, unknown> | undefined;
  if (!output) return undefined;
  if (Array.isArray(output.passages)) return `${output.passages.length} passages found`;
  if (Array.isArray(output.results)) return `${output.results.length} results`;
  if (typeof output.title === "string") return `read “${output.title}”`;
  return undefined;
}

/** One step of a sub-agent: a tool call with its input and outcome, or its text. */
export function SubAgentStep({ part }: { part: UIMessage["parts"][number] }) {
  if (part.type === "text") return part.text.trim() ? <Markdown>{part.text}</Markdown> : null;
  const toolPart = asToolPart(part);
  if (!toolPart) return null;
  const name = toolNameOf(toolPart);
  const status = statusOf(toolPart);
  const image =
    name === "generate_image" && status === "done" ? (toolPart.output as { url?: string }) : undefined;
  return (
    <li className="space-y-1 text-sm" aria-label={`${name} step`}>
      <div className="flex flex-wrap items-center gap-2">
        <code className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs">{name}</code>
        <span className="truncate text-zinc-600">{summarizeInput(toolPart)}</span>
        <StatusBadge status={status} />
      </div>
      {status === "done" && summarizeOutput(toolPart) && (
        <p className="text-xs text-zinc-500">{summarizeOutput(toolPart)}</p>
      )}
      {status === "failed" && <p className="text-xs text-red-700">{toolPart.errorText}</p>}
      {image?.url && (
        <GeneratedImage image={toolPart.output as Parameters<typeof GeneratedImage>[0]["image"]} />
      )}
    </li>
  );
}
