import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { layoutTimeline } from "@/lib/trace/timeline-layout";
import type { TimelineSpan, TraceSpan } from "@/lib/trace/types";
import { SpanDetailsContent } from "./span-details-panel";
import { TraceWaterfall } from "./trace-waterfall";

const spans: TimelineSpan[] = [
  { id: "r", parentId: null, name: "run chat", kind: "run", startTime: 0, endTime: 2000, status: "ok" },
  {
    id: "c",
    parentId: "r",
    name: "chat gpt-4o-mini",
    kind: "chat",
    startTime: 100,
    endTime: 400,
    status: "ok",
    model: "gpt-4o-mini",
    inputTokens: 120,
    outputTokens: 30,
  },
  {
    id: "t",
    parentId: "r",
    name: "execute_tool search_knowledge_base",
    kind: "execute_tool",
    startTime: 500,
    endTime: 1500,
    status: "error",
    toolCallId: "call-1",
    error: "The index is missing.",
  },
];

function render() {
  return renderToStaticMarkup(
    <TraceWaterfall traceId="trace-1" layout={layoutTimeline(spans, 2000)} running={false} />,
  );
}

describe("TraceWaterfall", () => {
  it("renders one labelled, linkable list item per span, in tree order, with bars on the time axis", () => {
    const html = render();
    expect(html).toContain('<ol aria-label="Spans"');
    const items = [...html.matchAll(/<li id="span-([^"]+)" aria-label="([^"]+)"/g)].map((match) => [
      match[1],
      match[2],
    ]);
    expect(items).toEqual([
      ["r", "run chat"],
      ["c", "chat gpt-4o-mini"],
      ["t", "execute_tool search_knowledge_base"],
    ]);
    expect(html).toContain("left:25%;width:50%");
    expect(html).toContain("1.00 s");
    expect(html).toContain('aria-expanded="false"');
  });

  it("shows model and tokens on the row, and makes a failed span stand out with its error", () => {
    const html = render();
    expect(html).toContain("gpt-4o-mini · 120 in / 30 out tokens");
    const failedRow = html.slice(html.indexOf('id="span-t"'));
    expect(failedRow).toContain('data-status="error"');
    expect(failedRow).toContain("bg-red-50");
    expect(failedRow).toContain("The index is missing.");
  });

  it("labels the shared time axis with round durations", () => {
    const html = render();
    for (const label of ["0 ms", "500 ms", "1.00 s", "1.50 s", "2.00 s"])
      expect(html).toContain(`>${label}<`);
  });
});

describe("SpanDetailsContent", () => {
  it("shows details as escaped text, never as HTML", () => {
    const span: TraceSpan = {
      ...spans[2],
      attributes: { "error.message": "<script>alert(1)</script>", "gen_ai.tool.call.result": "<b>x</b>" },
    };
    const html = renderToStaticMarkup(<SpanDetailsContent span={span} />);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
  });
});
