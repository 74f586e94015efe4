"use client";

import { memo } from "react";
import { formatDuration } from "@/lib/trace/span-details";
import type { TimelineRow } from "@/lib/trace/timeline-layout";
import type { TimelineSpan } from "@/lib/trace/types";
import { SpanDetailsPanel } from "./span-details-panel";
import { TraceStatusBadge } from "./trace-status-badge";
import { waterfallColumns } from "./waterfall-columns";

const barColors: Record<string, string> = {
  run: "bg-zinc-400",
  invoke_agent: "bg-violet-500",
  agent_step: "bg-zinc-300",
  chat: "bg-sky-500",
  execute_tool: "bg-amber-500",
};

interface SpanRowProps {
  row: TimelineRow<TimelineSpan>;
  traceId: string;
  expanded: boolean;
  /** The span the address links to (`#span-<id>`). */
  linked: boolean;
  onToggle(spanId: string): void;
}

/**
 * One span of the waterfall: name, bar on the time axis, duration, status, model and tokens; click
 * for details. Off-screen rows skip layout and paint (`content-visibility`), which long runs need.
 */
export const SpanRow = memo(function SpanRow({ row, traceId, expanded, linked, onToggle }: SpanRowProps) {
  const { span, depth, offsetPercent, widthPercent, durationMs } = row;
  const failed = span.status === "error";
  const detailsId = `span-details-${span.id}`;
  const barColor = failed ? "bg-red-500" : (barColors[span.kind] ?? "bg-zinc-400");
  return (
    <li
      id={`span-${span.id}`}
      aria-label={span.name}
      aria-current={linked ? "location" : undefined}
      data-slot="span-row"
      data-kind={span.kind}
      data-status={span.status}
      className={`scroll-mt-16 [contain-intrinsic-size:auto_2.75rem] [content-visibility:auto] ${failed ? "border-l-4 border-red-500 bg-red-50" : "border-l-4 border-transparent"} ${
        linked ? "outline-2 -outline-offset-2 outline-sky-500" : ""
      }`}
    >
      <button
        type="button"
        aria-expanded={expanded}
        aria-controls={expanded ? detailsId : undefined}
        onClick={() => onToggle(span.id)}
        className={`grid w-full ${waterfallColumns} items-center gap-3 px-3 py-1.5 text-left text-sm hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-sky-600`}
      >
        <span className="flex min-w-0 flex-col" style={{ paddingLeft: `${depth * 0.75}rem` }}>
          <span
            className={`truncate font-mono text-xs ${failed ? "font-semibold text-red-700" : "text-zinc-900"}`}
          >
            {span.name}
          </span>
          <SpanFacts span={span} />
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
      {expanded && <SpanDetailsPanel id={detailsId} traceId={traceId} span={span} />}
    </li>
  );
});

/** Model, tokens in and out, and the start of an error, under the span's name. */
function SpanFacts({ span }: { span: TimelineSpan }) {
  const hasTokens = span.inputTokens !== undefined || span.outputTokens !== undefined;
  const facts = [
    span.model,
    hasTokens ? `${span.inputTokens ?? 0} in / ${span.outputTokens ?? 0} out tokens` : undefined,
  ].filter(Boolean);
  if (facts.length === 0 && !span.error) return null;
  return (
    <>
      {facts.length > 0 && <span className="truncate text-xs text-zinc-500">{facts.join(" · ")}</span>}
      {span.error && <span className="truncate text-xs text-red-700">{span.error}</span>}
    </>
  );
}
