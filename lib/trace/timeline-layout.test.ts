import { describe, expect, it } from "vitest";
import { layoutTimeline, timeAxisTicks } from "./timeline-layout";
import type { TraceSpan } from "./types";

function span(id: string, parentId: string | null, startTime: number, endTime: number | null): TraceSpan {
  return {
    id,
    parentId,
    name: id,
    kind: "other",
    startTime,
    endTime,
    status: endTime ? "ok" : "running",
    attributes: {},
  };
}

describe("layoutTimeline", () => {
  it("orders spans as a tree, children by start time, with their depth", () => {
    const spans = [
      span("root", null, 1000, 2000),
      span("tool-b", "agent", 1500, 1900),
      span("agent", "root", 1100, 1950),
      span("tool-a", "agent", 1200, 1400),
      span("call", "tool-a", 1250, 1350),
    ];
    const { rows } = layoutTimeline(spans, 5000);
    expect(rows.map((row) => [row.span.id, row.depth])).toEqual([
      ["root", 0],
      ["agent", 1],
      ["tool-a", 2],
      ["call", 3],
      ["tool-b", 2],
    ]);
  });

  it("places bars on one time axis from the first start to the last end", () => {
    const { rows, startTime, totalMs } = layoutTimeline(
      [span("root", null, 1000, 2000), span("child", "root", 1250, 1750)],
      5000,
    );
    expect(startTime).toBe(1000);
    expect(totalMs).toBe(1000);
    expect(rows[0]).toMatchObject({ offsetPercent: 0, widthPercent: 100, durationMs: 1000 });
    expect(rows[1]).toMatchObject({ offsetPercent: 25, widthPercent: 50, durationMs: 500 });
  });

  it("stretches running spans to now and shows orphans as roots", () => {
    const { rows, totalMs } = layoutTimeline(
      [span("root", null, 0, null), span("orphan", "missing", 500, 600)],
      2000,
    );
    expect(totalMs).toBe(2000);
    expect(rows.map((row) => [row.span.id, row.depth, row.widthPercent])).toEqual([
      ["root", 0, 100],
      ["orphan", 0, 5],
    ]);
  });

  it("shows spans of a parent cycle once and handles an empty or instant run", () => {
    const cycle = layoutTimeline([span("a", "b", 0, 10), span("b", "a", 0, 10)], 10);
    expect(cycle.rows.map((row) => [row.span.id, row.depth])).toEqual([
      ["a", 0],
      ["b", 1],
    ]);
    expect(layoutTimeline([], 10).rows).toEqual([]);
    expect(layoutTimeline([span("instant", null, 5, 5)], 10).rows[0]).toMatchObject({
      offsetPercent: 0,
      widthPercent: 100,
      durationMs: 0,
    });
  });
});

describe("timeAxisTicks", () => {
  it("puts round-numbered ticks across the run", () => {
    expect(timeAxisTicks(2400)).toEqual([
      { offsetPercent: 0, label: "0 ms" },
      { offsetPercent: (500 / 2400) * 100, label: "500 ms" },
      { offsetPercent: (1000 / 2400) * 100, label: "1.00 s" },
      { offsetPercent: (1500 / 2400) * 100, label: "1.50 s" },
      { offsetPercent: (2000 / 2400) * 100, label: "2.00 s" },
    ]);
    expect(timeAxisTicks(100).map((tick) => tick.label)).toEqual([
      "0 ms",
      "20 ms",
      "40 ms",
      "60 ms",
      "80 ms",
      "100 ms",
    ]);
    expect(timeAxisTicks(0)).toEqual([{ offsetPercent: 0, label: "0 ms" }]);
  });

  it("lays out a deep chain without running out of stack", () => {
    const chain = Array.from({ length: 20_000 }, (_, index) =>
      span(`s${index}`, index === 0 ? null : `s${index - 1}`, index, index + 1),
    );
    const { rows } = layoutTimeline(chain, 0);
    expect(rows).toHaveLength(20_000);
    expect(rows.at(-1)?.depth).toBe(19_999);
  });
});
