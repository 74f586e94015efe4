import { context } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { setRunStartTime, storedRows } from "@/tests/stored-rows";
import { databaseBackends, useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { interruptedMessage, markInterruptedRuns, removeExpiredRuns } from "./retention";
import { startRunTrace } from "./run";
import { runLeaseMs } from "./span-store";
import { flushTraceWrites, getTracer } from "./telemetry";
import { getTrace } from "./trace-queries";

const dayMs = 24 * 60 * 60 * 1000;

async function finishedRun(input: string): Promise<string> {
  const run = startRunTrace({ name: "chat", input });
  run.run(() => getTracer().startSpan("chat model", {}, context.active())).end();
  run.end({ status: "ok" });
  return run.traceId;
}

function age(traceId: string, days: number): Promise<void> {
  return setRunStartTime(traceId, (startTime) => startTime - days * dayMs);
}

async function spanCount(traceId: string): Promise<number> {
  return (await storedRows("spans")).filter((row) => row.trace_id === traceId).length;
}

describe.each(databaseBackends)("trace retention on %s", (backend) => {
  useTemporaryDataDirectory({ TRACE_RETENTION_DAYS: "2" }, backend);

  it("removes runs older than the age limit with their spans, and keeps the rest", async () => {
    const old = await finishedRun("old");
    const recent = await finishedRun("recent");
    await age(old, 10);
    await removeExpiredRuns({ keepRuns: 100, maxAgeDays: 7 });
    expect(await getTrace(old)).toBeUndefined();
    expect(await spanCount(old)).toBe(0);
    expect((await getTrace(recent))?.spans).toHaveLength(2);
  });

  it("applies TRACE_RETENTION_DAYS whenever a new run starts", async () => {
    const old = await finishedRun("three days ago");
    await age(old, 3);
    const kept = await finishedRun("yesterday");
    await age(kept, 1);
    await finishedRun("now");
    expect(await getTrace(old)).toBeUndefined();
    expect(await getTrace(kept)).toBeDefined();
  });

  it("marks runs a previous process left running as failed, and leaves finished runs alone", async () => {
    const finished = await finishedRun("finished");
    const run = startRunTrace({ name: "chat", input: "cut off" });
    const span = run.run(() => getTracer().startSpan("execute_tool web_search", {}, context.active()));
    // The process "dies" here: neither the span nor the run ends.
    await flushTraceWrites();
    expect(await markInterruptedRuns(Date.now() + runLeaseMs() + 1)).toBe(1);

    const interrupted = await getTrace(run.traceId);
    expect(interrupted?.status).toBe("error");
    expect(interrupted?.endTime).toBeGreaterThanOrEqual(interrupted?.startTime ?? Number.POSITIVE_INFINITY);
    for (const stored of interrupted?.spans ?? []) {
      expect(stored.status).toBe("error");
      expect(stored.endTime).toBeGreaterThanOrEqual(stored.startTime);
      expect(stored.attributes["error.message"]).toBe(interruptedMessage);
    }
    expect((await getTrace(finished))?.status).toBe("ok");
    expect(await markInterruptedRuns()).toBe(0);
    span.end();
  });
});

describe.each(databaseBackends)("trace retention with TRACE_RETENTION_DAYS=0 on %s", (backend) => {
  useTemporaryDataDirectory({ TRACE_RETENTION_DAYS: "0", TRACE_RETENTION_RUNS: "3" }, backend);

  it("keeps runs of any age and bounds them by TRACE_RETENTION_RUNS alone", async () => {
    const yearOld = await finishedRun("a year ago");
    await age(yearOld, 365);
    const monthOld = await finishedRun("a month ago");
    await age(monthOld, 30);
    await finishedRun("now");
    expect(await getTrace(yearOld)).toBeDefined();
    await finishedRun("later");
    expect(await getTrace(yearOld)).toBeUndefined();
    expect(await getTrace(monthOld)).toBeDefined();
  });
});
