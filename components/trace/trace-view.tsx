"use client";

import Link from "next/link";
import { formatDuration } from "@/lib/trace/span-details";
import { layoutTimeline } from "@/lib/trace/timeline-layout";
import type { TraceDetail } from "@/lib/trace/types";
import { TraceStatusBadge } from "./trace-status-badge";
import { TraceWaterfall } from "./trace-waterfall";
import { useLiveTrace } from "./use-live-trace";

/** The timeline of one run; it follows the run live until it ends. */
export function TraceView({ initialTrace, renderedAt }: { initialTrace: TraceDetail; renderedAt: number }) {
  const { trace, now, refreshError } = useLiveTrace(initialTrace, renderedAt);
  const layout = layoutTimeline(trace.spans, now);
  const totalMs = (trace.endTime ?? now) - trace.startTime;
  const errorSpans = trace.spans.filter((span) => span.status === "error").length;
  return (
    <div className="mx-auto w-full max-w-6xl space-y-4 p-6">
      <nav aria-label="Trace navigation" className="flex gap-4 text-sm">
        <Link href="/" className="text-sky-700 underline">
          Back to chat
        </Link>
        {trace.chatId && (
          <Link href={`/chats/${encodeURIComponent(trace.chatId)}`} className="text-sky-700 underline">
            Open this conversation
          </Link>
        )}
        <Link href="/traces" className="text-sky-700 underline">
          All traces
        </Link>
      </nav>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Trace</h1>
        {trace.input && <p className="text-zinc-700">{trace.input}</p>}
        <p className="flex flex-wrap items-center gap-3 text-sm text-zinc-600">
          <TraceStatusBadge status={trace.status} aria-label={`Status: ${trace.status}`} />
          <span>
            Duration: <span className="font-mono">{formatDuration(Math.max(totalMs, 0))}</span>
            {trace.status === "running" && " so far"}
          </span>
          <span>{trace.spans.length} spans</span>
          {errorSpans > 0 && <span className="text-red-700">{errorSpans} failed</span>}
          <span className="font-mono text-xs text-zinc-400">{trace.id}</span>
        </p>
        {refreshError && (
          <p role="alert" className="text-sm text-red-700">
            Could not refresh the trace: {refreshError}
          </p>
        )}
      </header>
      <TraceWaterfall layout={layout} />
    </div>
  );
}
