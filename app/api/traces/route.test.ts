import { context } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { startRunTrace } from "@/lib/trace/run";
import { getTracer } from "@/lib/trace/telemetry";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { GET as getTraceById } from "./[id]/route";
import { GET as getSpanById } from "./[id]/spans/[spanId]/route";
import { GET as getTimeline } from "./[id]/timeline/route";
import { GET as getTraces } from "./route";
import { parseTimeBound } from "./schema";

function get(id: string) {
  return getTraceById(new Request(`http://localhost/api/traces/${id}`), { params: Promise.resolve({ id }) });
}

describe("/api/traces", () => {
  useTemporaryDataDirectory();

  it("lists recent runs, newest first, up to ?limit=", async () => {
    const runs = ["first", "second", "third"].map((input) => startRunTrace({ name: "chat", input }));
    for (const run of runs) run.end({ status: "ok" });

    const response = await getTraces(new Request("http://localhost/api/traces?limit=2"));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.traces.map((summary: { input: string }) => summary.input)).toEqual(["third", "second"]);
    expect(body.traces[0]).toMatchObject({ id: runs[2].traceId, status: "ok", spanCount: 1 });
  });

  it("rejects a limit that is not a positive number", async () => {
    const response = await getTraces(new Request("http://localhost/api/traces?limit=lots"));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toContain("limit");
  });

  it("filters by status, text and time", async () => {
    const failed = startRunTrace({ name: "chat", input: "draw a fox" });
    failed.end({ status: "error", message: "The image model is down." });
    startRunTrace({ name: "chat", input: "still going" });
    const list = async (query: string) => {
      const response = await getTraces(new Request(`http://localhost/api/traces?${query}`));
      expect(response.status).toBe(200);
      return (await response.json()).traces.map((summary: { input: string }) => summary.input);
    };
    expect(await list("status=error")).toEqual(["draw a fox"]);
    expect(await list("status=running&q=GOING")).toEqual(["still going"]);
    expect(await list("q=fox&since=1h")).toEqual(["draw a fox"]);
    expect(await list("until=1h")).toEqual([]);
    expect(await list("agent=manager")).toEqual([]);
    expect(await list("status=&q=&agent=")).toHaveLength(2);
  });

  it("says which filter is wrong and what it accepts", async () => {
    for (const [query, expected] of [
      ["status=done", "status must be one of running, ok, error."],
      ["since=yesterday", "since must be epoch milliseconds, an ISO date"],
      ["until=2026-13-45", "until must be"],
      [`q=${"x".repeat(201)}`, "q can be at most 200 characters."],
    ]) {
      const response = await getTraces(new Request(`http://localhost/api/traces?${query}`));
      expect(response.status, query).toBe(400);
      expect((await response.json()).error).toContain(expected);
    }
  });

  it("returns one run with its spans", async () => {
    const run = startRunTrace({ name: "chat", chatId: "chat-3", input: "hi" });
    const response = await get(run.traceId);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ id: run.traceId, name: "run chat", status: "running", endTime: null });
    expect(body.spans).toEqual([
      {
        id: run.rootSpanId,
        parentId: null,
        name: "run chat",
        kind: "run",
        startTime: expect.any(Number),
        endTime: null,
        status: "running",
        attributes: expect.objectContaining({ "gen_ai.conversation.id": "chat-3" }),
      },
    ]);
    run.end({ status: "ok" });
  });

  it("returns the timeline without inputs, and one span with all its attributes", async () => {
    const run = startRunTrace({ name: "chat", chatId: "chat-4", input: "hi" });
    const span = run.run(() =>
      getTracer().startSpan(
        "chat gpt-4o-mini",
        {
          attributes: {
            "gen_ai.operation.name": "chat",
            "gen_ai.request.model": "gpt-4o-mini",
            "gen_ai.input.messages": "a long prompt",
            "gen_ai.usage.input_tokens": 9,
          },
        },
        context.active(),
      ),
    );
    const response = await getTimeline(new Request("http://localhost/"), {
      params: Promise.resolve({ id: run.traceId }),
    });
    const timeline = await response.json();
    expect(timeline).toMatchObject({ id: run.traceId, status: "running", input: "hi" });
    expect(timeline.spans[1]).toEqual({
      id: span.spanContext().spanId,
      parentId: run.rootSpanId,
      name: "chat gpt-4o-mini",
      kind: "chat",
      startTime: expect.any(Number),
      endTime: null,
      status: "running",
      model: "gpt-4o-mini",
      inputTokens: 9,
    });

    const detail = await getSpanById(new Request("http://localhost/"), {
      params: Promise.resolve({ id: run.traceId, spanId: span.spanContext().spanId }),
    });
    expect((await detail.json()).attributes["gen_ai.input.messages"]).toBe("a long prompt");
    const missing = await getSpanById(new Request("http://localhost/"), {
      params: Promise.resolve({ id: run.traceId, spanId: "0".repeat(16) }),
    });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatch(/no such span/);
    span.end();
    run.end({ status: "ok" });
  });

  it("answers 404 with an error for an unknown or malformed id", async () => {
    for (const id of ["0".repeat(32), "not-a-trace"]) {
      const response = await get(id);
      expect(response.status).toBe(404);
      expect((await response.json()).error).toMatch(/no trace/i);
      const timeline = await getTimeline(new Request("http://localhost/"), {
        params: Promise.resolve({ id }),
      });
      expect(timeline.status).toBe(404);
    }
  });
});

describe("parseTimeBound", () => {
  it("reads epoch milliseconds, ISO dates and durations back from now", () => {
    const now = Date.parse("2026-05-10T12:00:00Z");
    expect(parseTimeBound("1700000000000", now)).toBe(1_700_000_000_000);
    expect(parseTimeBound("2026-05-01T00:00:00Z", now)).toBe(Date.parse("2026-05-01T00:00:00Z"));
    expect(parseTimeBound("2026-05-01", now)).toBe(Date.parse("2026-05-01"));
    expect(parseTimeBound("15m", now)).toBe(now - 15 * 60_000);
    expect(parseTimeBound("24h", now)).toBe(now - 86_400_000);
    expect(parseTimeBound("7d", now)).toBe(now - 7 * 86_400_000);
    for (const bad of ["yesterday", "1w", "-5m", "2026-02-31x", ""]) {
      expect(parseTimeBound(bad, now), bad).toBeUndefined();
    }
  });
});
