"use client";

import Link from "next/link";
import { useMemo } from "react";
import { plural } from "@/lib/plural";
import { formatDuration } from "@/lib/trace/span-details";
import { layoutTimeline } from "@/lib/trace/timeline-layout";
import type { TraceTimeline } from "@/lib/trace/types";
import { TraceStatusBadge } from "./trace-status-badge";
import { TraceWaterfall } from "./trace-waterfall";
import { useLiveTrace } from "./use-live-trace";

/** The timeline of one run; it follows the run live until it ends. */
export function TraceView({ initialTrace, renderedAt }: { initialTrace: TraceTimeline; renderedAt: number }) {
  const { trace, now, refreshError } = useLiveTrace(initialTrace, renderedAt);
  const layout = useMemo(() => layoutTimeline(trace.spans, now), [trace.spans, now]);
  const running = trace.status === "running";
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
        <TraceFacts trace={trace} now={now} />
        {refreshError && (
          <p role="alert" className="text-sm text-red-700">
            Could not refresh the trace: {refreshError}
          </p>
        )}
      </header>
      <TraceWaterfall traceId={trace.id} layout={layout} running={running} />
    </div>
  );
}

/** Status, duration, spans, model calls, tokens and failures of the whole run. */
function TraceFacts({ trace, now }: { trace: TraceTimeline; now: number }) {
  const totals = useMemo(() => {
    let inputTokens = 0;
    let outputTokens = 0;
    let modelCalls = 0;
    let failed = 0;
    for (const span of trace.spans) {
      if (span.status === "error") failed++;
      // Agent spans repeat their calls' usage; only model calls are counted.
      if (span.kind !== "chat") continue;
      modelCalls++;
      inputTokens += span.inputTokens ?? 0;
      outputTokens += span.outputTokens ?? 0;
    }
    return { inputTokens, outputTokens, modelCalls, failed };
  }, [trace.spans]);
  const totalMs = Math.max((trace.endTime ?? now) - trace.startTime, 0);
  return (
    <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-zinc-600">
      <span className="flex items-center gap-1">
        Status: <TraceStatusBadge status={trace.status} role="status" aria-label="Run status" />
      </span>
      <span>
        Duration: <span className="font-mono">{formatDuration(totalMs)}</span>
        {trace.status === "running" && " so far"}
      </span>
      <span>{plural(trace.spans.length, "span")}</span>
      <span>{plural(totals.modelCalls, "model call")}</span>
      <span>
        Tokens:{" "}
        <span className="font-mono">{(totals.inputTokens + totals.outputTokens).toLocaleString("en")}</span> (
        {totals.inputTokens} in / {totals.outputTokens} out)
      </span>
      {totals.failed > 0 && <span className="font-semibold text-red-700">{totals.failed} failed</span>}
      <span className="font-mono text-xs text-zinc-400">{trace.id}</span>
    </p>
  );
}
