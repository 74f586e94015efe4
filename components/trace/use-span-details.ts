"use client";

import { useEffect, useState } from "react";
import type { TraceSpan } from "@/lib/trace/types";

type SpanDetailsState =
  | { state: "loading" }
  | { state: "loaded"; span: TraceSpan }
  | { state: "failed"; message: string };

/**
 * One span with all its attributes, from `/api/traces/{traceId}/spans/{spanId}`. `version` changes
 * when the span does (a running span ends), which loads it again.
 */
export function useSpanDetails(traceId: string, spanId: string, version: string): SpanDetailsState {
  const [details, setDetails] = useState<SpanDetailsState>({ state: "loading" });
  // `version` is not read inside: it is the reason to load again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: version changes when the span does
  useEffect(() => {
    const controller = new AbortController();
    const path = `/api/traces/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId)}`;
    const load = async () => {
      try {
        const response = await fetch(path, { cache: "no-store", signal: controller.signal });
        const body = await response.json();
        if (!response.ok) throw new Error(body.error ?? `The server answered ${response.status}.`);
        setDetails({ state: "loaded", span: body as TraceSpan });
      } catch (error) {
        if (controller.signal.aborted) return;
        setDetails({ state: "failed", message: error instanceof Error ? error.message : String(error) });
      }
    };
    void load();
    return () => controller.abort();
  }, [traceId, spanId, version]);
  return details;
}
