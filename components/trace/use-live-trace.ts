"use client";

import { useEffect, useState } from "react";
import type { TraceTimeline } from "@/lib/trace/types";

const pollIntervalMs = 1000;

/**
 * The run's timeline, refreshed from `/api/traces/{id}/timeline` about every second while the run
 * is still running. `now` advances with each refresh so that running spans grow; `refreshError`
 * says why the last refresh failed (the next one is still tried).
 */
export function useLiveTrace(initialTrace: TraceTimeline, initialNow: number) {
  const [trace, setTrace] = useState(initialTrace);
  const [now, setNow] = useState(initialNow);
  const [refreshError, setRefreshError] = useState<string>();
  const running = trace.status === "running";

  useEffect(() => {
    if (!running) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    // A timeout chain rather than an interval: a slow answer never overlaps the next request.
    const refresh = async () => {
      try {
        const next = await fetchTimeline(trace.id, controller.signal);
        setTrace(next);
        setNow(Date.now());
        setRefreshError(undefined);
      } catch (error) {
        if (controller.signal.aborted) return;
        setRefreshError(error instanceof Error ? error.message : String(error));
      }
      if (!controller.signal.aborted) timer = setTimeout(refresh, pollIntervalMs);
    };
    timer = setTimeout(refresh, pollIntervalMs);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [running, trace.id]);

  return { trace, now, refreshError };
}

async function fetchTimeline(id: string, signal: AbortSignal): Promise<TraceTimeline> {
  const response = await fetch(`/api/traces/${encodeURIComponent(id)}/timeline`, {
    cache: "no-store",
    signal,
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? `The server answered ${response.status}.`);
  return body as TraceTimeline;
}
