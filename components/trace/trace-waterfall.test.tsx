import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { describeSpanDetails } from "@/lib/trace/span-details";
import { layoutTimeline } from "@/lib/trace/timeline-layout";
import type { TraceSpan } from "@/lib/trace/types";
import { SpanDetailsPanel } from "./span-details-panel";
import { TraceWaterfall } from "./trace-waterfall";

const spans: TraceSpan[] = [
  {
    id: "r",
    parentId: null,
    name: "run chat",
    kind: "run",
    startTime: 0,
    endTime: 2000,
    status: "ok",
    attributes: {},
  },
  {
    id: "t",
    parentId: "r",
    name: "execute_tool search_knowledge_base",
    kind: "execute_tool",
    startTime: 500,
    endTime: 1500,
    status: "error",
    attributes: { "error.message": "<script>alert(1)</script>" },
  },
];

describe("TraceWaterfall", () => {
  it("renders one labelled list item per span, in tree order, with bars on the time axis", () => {
    const html = renderToStaticMarkup(<TraceWaterfall layout={layoutTimeline(spans, 2000)} />);
    expect(html).toContain('<ol aria-label="Spans"');
    const labels = [...html.matchAll(/<li aria-label="([^"]+)"/g)].map((match) => match[1]);
    expect(labels).toEqual(["run chat", "execute_tool search_knowledge_base"]);
    expect(html).toContain("left:25%;width:50%");
    expect(html).toContain("1.00 s");
    expect(html).toContain('aria-expanded="false"');
  });

  it("shows details as escaped text, never as HTML", () => {
    const html = renderToStaticMarkup(
      <SpanDetailsPanel id="details" span={spans[1]} details={describeSpanDetails(spans[1])} />,
    );
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
  });
});
