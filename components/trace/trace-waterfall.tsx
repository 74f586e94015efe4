"use client";

import { startTransition, useCallback, useEffect, useState } from "react";
import { type TimelineLayout, timeAxisTicks } from "@/lib/trace/timeline-layout";
import type { TimelineSpan } from "@/lib/trace/types";
import { SpanRow } from "./span-row";
import { useLinkedSpanId } from "./use-linked-span";
import { waterfallColumns } from "./waterfall-columns";

/** Rows rendered on the server and hydrated first: more than any screen shows. */
const firstRows = 100;
/** Rows added per background render after that, so a 2,000-span run is usable at once. */
const rowsPerChunk = 400;

/**
 * Every span of a run, in tree order, with bars on one shared time axis. A row opens to show its
 * inputs, outputs and error; `#span-<id>` in the address opens and highlights that span. Long runs
 * render their first rows at once and the rest in interruptible background chunks.
 */
export function TraceWaterfall({
  traceId,
  layout,
  running,
}: {
  traceId: string;
  layout: TimelineLayout<TimelineSpan>;
  running: boolean;
}) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [interactive, setInteractive] = useState(false);
  const linkedId = useLinkedSpanId();
  const linkedIndex = linkedId === undefined ? -1 : layout.rows.findIndex((row) => row.span.id === linkedId);
  const linkedPresent = linkedIndex >= 0;
  const [renderedRows, setRenderedRows] = useState(firstRows);
  const shownRows = Math.max(renderedRows, linkedIndex + 1);
  const complete = shownRows >= layout.rows.length;

  useEffect(() => setInteractive(true), []);
  useEffect(() => {
    if (complete) return;
    // A transition yields to clicks and typing, so the page stays interactive while rows are added.
    const timer = setTimeout(() => startTransition(() => setRenderedRows(renderedRows + rowsPerChunk)));
    return () => clearTimeout(timer);
  }, [complete, renderedRows]);
  useEffect(() => {
    if (!linkedId || !linkedPresent) return;
    setExpanded((open) => (open.has(linkedId) ? open : new Set(open).add(linkedId)));
    document.getElementById(`span-${linkedId}`)?.scrollIntoView({ block: "start" });
  }, [linkedId, linkedPresent]);

  const toggle = useCallback((spanId: string) => {
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(spanId)) next.add(spanId);
      return next;
    });
  }, []);

  if (layout.rows.length === 0) return <p className="text-sm text-zinc-500">No spans recorded yet.</p>;
  return (
    <div className="rounded-lg border border-zinc-200 bg-white">
      {linkedId && !linkedPresent && (
        <p role="status" className="border-b border-zinc-200 px-3 py-2 text-sm text-zinc-600">
          The linked span {linkedId} is not in this trace{running ? " yet" : ""}.
        </p>
      )}
      <TimeAxis totalMs={layout.totalMs} />
      <ol
        aria-label="Spans"
        data-interactive={interactive}
        data-complete={complete}
        className="divide-y divide-zinc-100"
      >
        {layout.rows.slice(0, shownRows).map((row) => (
          <SpanRow
            key={row.span.id}
            row={row}
            traceId={traceId}
            expanded={expanded.has(row.span.id)}
            linked={row.span.id === linkedId}
            onToggle={toggle}
          />
        ))}
      </ol>
    </div>
  );
}

/** The column titles, with the shared time axis and its ticks above the bars. */
function TimeAxis({ totalMs }: { totalMs: number }) {
  return (
    <div
      aria-hidden="true"
      className={`sticky top-0 z-10 grid ${waterfallColumns} gap-3 rounded-t-lg border-b border-zinc-200 bg-white px-3 py-1.5 text-xs font-semibold text-zinc-500`}
    >
      <span>Span</span>
      <span className="relative h-4" data-slot="time-axis">
        {timeAxisTicks(totalMs).map((tick) => (
          <span
            key={tick.label}
            className="absolute top-0 -translate-x-1/2 whitespace-nowrap font-mono font-normal first:translate-x-0"
            style={{ left: `${tick.offsetPercent}%` }}
          >
            {tick.label}
          </span>
        ))}
      </span>
      <span className="text-right">Duration</span>
      <span className="text-right">Status</span>
    </div>
  );
}
