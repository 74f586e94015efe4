import type { UIMessage } from "ai";
import { useAgentProgress } from "./agent-progress";
import { StatusBadge } from "./status-badge";
import { SubAgentStep } from "./sub-agent-step";
import { statusOf, type ToolPartView, toolNameOf } from "./tool-part";

const agentTitles: Record<string, string> = {
  web_agent: "Web agent",
  retriever_agent: "Retriever agent",
  image_agent: "Image agent",
};

/** One sub-agent's work, live: its task, each of its steps as it happens, and its answer. */
export function AgentLane({ part }: { part: ToolPartView }) {
  const name = toolNameOf(part);
  const title = agentTitles[name] ?? name;
  // The finished output once there is one; until then the message replayed from the live progress.
  const live = useAgentProgress(part.toolCallId);
  const message =
    (part.state === "output-available" ? (part.output as UIMessage | undefined) : undefined) ?? live;
  const task = (part.input as { task?: string } | undefined)?.task;
  return (
    <section
      aria-label={title}
      data-slot="agent-lane"
      data-agent={name}
      className="min-w-0 flex-1 space-y-2 rounded-xl border border-zinc-200 bg-white p-3 shadow-sm"
    >
      <header className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">{title}</h3>
        <StatusBadge status={statusOf(part)} />
      </header>
      {task && <p className="text-xs text-zinc-500">Task: {task}</p>}
      <ol className="space-y-2">
        {message?.parts.map((nested, index) => (
          <SubAgentStep key={index} part={nested} />
        ))}
      </ol>
      {part.state === "output-error" && (
        <p role="alert" className="text-sm text-red-700">
          {part.errorText}
        </p>
      )}
    </section>
  );
}
