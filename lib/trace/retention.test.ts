import { context } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/database";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { interruptedMessage, markInterruptedRuns, removeExpiredRuns } from "./retention";
import { startRunTrace } from "./run";
import { getTracer } from "./telemetry";
import { getTrace } from "./trace-queries";

const dayMs = 24 * 60 * 60 * 1000;

function finishedRun(input: string) {
  const run = startRunTrace({ name: "chat", input });
  run.run(() => getTracer().startSpan("chat model", {}, context.active())).end();
  run.end({ status: "ok" });
  return run.traceId;
}

function age(traceId: string, days: number) {
  getDatabase()
    .prepare("UPDATE traces SET start_time = start_time - ? WHERE id = ?")
    .run(days * dayMs, traceId);
}

function spanCount(traceId: string): number {
  const row = getDatabase().prepare("SELECT COUNT(*) AS count FROM spans WHERE trace_id = ?").get(traceId);
  return Number(row?.count);
}

describe("trace retention", () => {
  useTemporaryDataDirectory({ TRACE_RETENTION_DAYS: "2" });

  it("removes runs older than the age limit with their spans, and keeps the rest", () => {
    const old = finishedRun("old");
    const recent = finishedRun("recent");
    age(old, 10);
    removeExpiredRuns({ keepRuns: 100, maxAgeDays: 7 });
    expect(getTrace(old)).toBeUndefined();
    expect(spanCount(old)).toBe(0);
    expect(getTrace(recent)?.spans).toHaveLength(2);
  });

  it("applies TRACE_RETENTION_DAYS whenever a new run starts", () => {
    const old = finishedRun("three days ago");
    age(old, 3);
    const kept = finishedRun("yesterday");
    age(kept, 1);
    finishedRun("now");
    expect(getTrace(old)).toBeUndefined();
    expect(getTrace(kept)).toBeDefined();
  });

  it("marks runs a previous process left running as failed, and leaves finished runs alone", () => {
    const finished = finishedRun("finished");
    const run = startRunTrace({ name: "chat", input: "cut off" });
    const span = run.run(() => getTracer().startSpan("execute_tool web_search", {}, context.active()));
    // The process "dies" here: neither the span nor the run ends.
    expect(markInterruptedRuns()).toBe(1);

    const interrupted = getTrace(run.traceId);
    expect(interrupted?.status).toBe("error");
    expect(interrupted?.endTime).toBeGreaterThanOrEqual(interrupted?.startTime ?? Number.POSITIVE_INFINITY);
    for (const stored of interrupted?.spans ?? []) {
      expect(stored.status).toBe("error");
      expect(stored.endTime).toBeGreaterThanOrEqual(stored.startTime);
      expect(stored.attributes["error.message"]).toBe(interruptedMessage);
    }
    expect(getTrace(finished)?.status).toBe("ok");
    expect(markInterruptedRuns()).toBe(0);
    span.end();
  });
});

describe("trace retention with TRACE_RETENTION_DAYS=0", () => {
  useTemporaryDataDirectory({ TRACE_RETENTION_DAYS: "0", TRACE_RETENTION_RUNS: "3" });

  it("keeps runs of any age and bounds them by TRACE_RETENTION_RUNS alone", () => {
    const yearOld = finishedRun("a year ago");
    age(yearOld, 365);
    const monthOld = finishedRun("a month ago");
    age(monthOld, 30);
    finishedRun("now");
    expect(getTrace(yearOld)).toBeDefined();
    finishedRun("later");
    expect(getTrace(yearOld)).toBeUndefined();
    expect(getTrace(monthOld)).toBeDefined();
  });
});
