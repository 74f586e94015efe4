import type { ChatMessage } from "@/lib/chat/chat-message";
import {
  citationTargets,
  isSourcePart,
  numberSources,
  type SourceReference,
} from "@/lib/chat/source-references";
import { AgentLane } from "./agent-lane";
import { CodeInterpreterView } from "./code-interpreter-view";
import { Markdown } from "./markdown";
import { RunSummary } from "./run-summary";
import { SourcesList } from "./sources-list";
import { asToolPart, type ToolPartView, toolNameOf } from "./tool-part";
import { UserAttachments } from "./user-attachments";

type Part = ChatMessage["parts"][number];

/** Splits a message's parts into steps, so the tool calls of one step can sit side by side. */
function groupIntoSteps(parts: Part[]): Part[][] {
  const steps: Part[][] = [[]];
  for (const part of parts) {
    if (part.type === "step-start") steps.push([]);
    else steps[steps.length - 1].push(part);
  }
  return steps.filter((step) => step.length > 0);
}

function ToolView({ part }: { part: ToolPartView }) {
  return toolNameOf(part) === "code_interpreter" ? (
    <CodeInterpreterView part={part} />
  ) : (
    <AgentLane part={part} />
  );
}

function Step({ parts, citations }: { parts: Part[]; citations: ReadonlyMap<number, SourceReference> }) {
  const tools = parts.map(asToolPart).filter((part): part is ToolPartView => part !== undefined);
  return (
    <div className="space-y-3">
      {tools.length > 0 && (
        <div className="flex flex-col gap-3 md:flex-row md:items-start" data-slot="agent-lanes">
          {tools.map((part) => (
            <ToolView key={part.toolCallId} part={part} />
          ))}
        </div>
      )}
      {parts.map((part, index) =>
        part.type === "text" && part.text.trim() ? (
          <Markdown key={index} citations={citations}>
            {part.text}
          </Markdown>
        ) : null,
      )}
    </div>
  );
}

/** One message: the user's words, or the manager's answer with every agent's steps. */
export function MessageView({ message }: { message: ChatMessage }) {
  if (message.role === "user") {
    const text = message.parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n");
    const files = message.parts.filter((part) => part.type === "file");
    return (
      <article
        aria-label="Your message"
        className="ml-auto max-w-[80%] rounded-2xl bg-sky-600 px-4 py-2 text-white"
      >
        <UserAttachments files={files} />
        <p className="whitespace-pre-wrap">{text}</p>
      </article>
    );
  }
  const references = numberSources(message.parts.filter(isSourcePart));
  const citations = citationTargets(references);
  return (
    <article aria-label="Assistant message" className="space-y-3">
      {groupIntoSteps(message.parts).map((parts, index) => (
        <Step key={index} parts={parts} citations={citations} />
      ))}
      {message.metadata?.error && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {message.metadata.error}
        </p>
      )}
      <SourcesList references={references} />
      <RunSummary message={message} />
    </article>
  );
}
