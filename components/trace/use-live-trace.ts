"use client";

import { useEffect, useState } from "react";
import type { TraceDetail } from "@/lib/trace/types";

const pollIntervalMs = 1000;

/**
 * The trace, refreshed from `/api/traces/{id}` about every second while the run is still running.
 * `now` advances with each refresh so that running spans grow; `refreshError` says why the last refresh failed.
 */
export function useLiveTrace(initialTrace: TraceDetail, initialNow: number) {
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
        setTrace(await fetchTrace(trace.id, controller.signal));
        setRefreshError(undefined);
      } catch (error) {
        if (controller.signal.aborted) return;
        setRefreshError(error instanceof Error ? error.message : String(error));
      }
      if (controller.signal.aborted) return;
      setNow(Date.now());
      timer = setTimeout(refresh, pollIntervalMs);
    };
    timer = setTimeout(refresh, pollIntervalMs);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [running, trace.id]);

  return { trace, now, refreshError };
}

async function fetchTrace(id: string, signal: AbortSignal): Promise<TraceDetail> {
  const response = await fetch(`/api/traces/${encodeURIComponent(id)}`, { cache: "no-store", signal });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? `The server answered ${response.status}.`);
  return body as TraceDetail;
}
