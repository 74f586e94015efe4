"use client";

import { describeSpanDetails } from "@/lib/trace/span-details";
import type { TimelineSpan, TraceSpan } from "@/lib/trace/types";
import { useSpanDetails } from "./use-span-details";

/** The expandable panel of a waterfall row: it loads the span's inputs, outputs and error. */
export function SpanDetailsPanel({ id, traceId, span }: { id: string; traceId: string; span: TimelineSpan }) {
  const details = useSpanDetails(traceId, span.id, `${span.status}:${span.endTime}`);
  return (
    <section
      id={id}
      aria-label={`Details of ${span.name}`}
      data-slot="span-details"
      className="space-y-3 border-t border-zinc-100 bg-zinc-50 px-3 py-3 text-xs"
    >
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-zinc-600">
        <a href={`#span-${span.id}`} className="text-sky-700 underline">
          Link to this span
        </a>
        <span>
          Span id <code className="font-mono">{span.id}</code>
        </span>
        {span.toolCallId && (
          <span>
            Tool call id <code className="font-mono">{span.toolCallId}</code>
          </span>
        )}
      </p>
      {details.state === "loading" && (
        <>
          {span.error && <DetailBlock title="Error" text={span.error} tone="error" />}
          <p className="text-zinc-500">Loading inputs and outputs…</p>
        </>
      )}
      {details.state === "failed" && (
        <p role="alert" className="text-red-700">
          Could not load this span's details: {details.message}
        </p>
      )}
      {details.state === "loaded" && <SpanDetailsContent span={details.span} />}
    </section>
  );
}

/** Error, input, output and raw attributes of one span; all shown as text, never as HTML. */
export function SpanDetailsContent({ span }: { span: TraceSpan }) {
  const details = describeSpanDetails(span);
  return (
    <>
      {details.error && <DetailBlock title="Error" text={details.error} tone="error" />}
      {details.input && <DetailBlock title="Input" text={details.input} />}
      {details.output && <DetailBlock title="Output" text={details.output} />}
      <details>
        <summary className="cursor-pointer font-semibold text-zinc-700">All attributes</summary>
        <pre className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-words rounded border border-zinc-200 bg-white p-2 font-mono text-zinc-800">
          {JSON.stringify(span.attributes, null, 2)}
        </pre>
      </details>
    </>
  );
}

function DetailBlock({ title, text, tone }: { title: string; text: string; tone?: "error" }) {
  return (
    <section aria-label={title}>
      <h3 className={`mb-1 font-semibold ${tone === "error" ? "text-red-700" : "text-zinc-700"}`}>{title}</h3>
      <pre
        className={`max-h-80 overflow-auto whitespace-pre-wrap break-words rounded border p-2 font-mono ${
          tone === "error"
            ? "border-red-200 bg-red-50 text-red-800"
            : "border-zinc-200 bg-white text-zinc-800"
        }`}
      >
        {text}
      </pre>
    </section>
  );
}
