"use client";

import { useId, useState } from "react";
import { describeSpanDetails, formatDuration } from "@/lib/trace/span-details";
import type { TimelineRow } from "@/lib/trace/timeline-layout";
import { SpanDetailsPanel } from "./span-details-panel";
import { TraceStatusBadge } from "./trace-status-badge";

const barColors: Record<string, string> = {
  run: "bg-zinc-400",
  invoke_agent: "bg-violet-500",
  agent_step: "bg-zinc-300",
  chat: "bg-sky-500",
  execute_tool: "bg-amber-500",
};

/** One span of the waterfall: name, bar on the time axis, duration, status, model and tokens; click for details. */
export function SpanRow({ row }: { row: TimelineRow }) {
  const [expanded, setExpanded] = useState(false);
  const detailsId = useId();
  const { span, depth, offsetPercent, widthPercent, durationMs } = row;
  const details = describeSpanDetails(span);
  const failed = span.status === "error";
  const barColor = failed ? "bg-red-500" : (barColors[span.kind] ?? "bg-zinc-400");
  return (
    <li aria-label={span.name} data-slot="span-row" data-kind={span.kind} data-status={span.status}>
      <button
        type="button"
        aria-expanded={expanded}
        aria-controls={detailsId}
        onClick={() => setExpanded((open) => !open)}
        className="grid w-full grid-cols-[minmax(16rem,2fr)_3fr_5rem_4rem] items-center gap-3 px-3 py-1.5 text-left text-sm hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-sky-600"
      >
        <span className="flex min-w-0 flex-col" style={{ paddingLeft: `${depth * 0.75}rem` }}>
          <span className={`truncate font-mono text-xs ${failed ? "text-red-700" : "text-zinc-900"}`}>
            {span.name}
          </span>
          <SpanFacts
            model={details.model}
            inputTokens={details.inputTokens}
            outputTokens={details.outputTokens}
          />
        </span>
        <span aria-hidden="true" className="relative h-3 rounded bg-zinc-100">
          <span
            className={`absolute inset-y-0 min-w-0.5 rounded ${barColor} ${span.status === "running" ? "animate-pulse" : ""}`}
            style={{ left: `${offsetPercent}%`, width: `${widthPercent}%` }}
          />
        </span>
        <span className="text-right font-mono text-xs text-zinc-700">{formatDuration(durationMs)}</span>
        <TraceStatusBadge status={span.status} className="justify-self-end" />
      </button>
      {expanded && <SpanDetailsPanel id={detailsId} span={span} details={details} />}
    </li>
  );
}

function SpanFacts({
  model,
  inputTokens,
  outputTokens,
}: {
  model?: string;
  inputTokens?: number;
  outputTokens?: number;
}) {
  const hasTokens = inputTokens !== undefined || outputTokens !== undefined;
  if (!model && !hasTokens) return null;
  return (
    <span className="truncate text-xs text-zinc-500">
      {model}
      {model && hasTokens && " · "}
      {hasTokens && `${inputTokens ?? 0} in / ${outputTokens ?? 0} out tokens`}
    </span>
  );
}
