import type { SpanDetails } from "@/lib/trace/span-details";
import type { TraceSpan } from "@/lib/trace/types";

/** Inputs, outputs, error and raw attributes of one span; all shown as text, never as HTML. */
export function SpanDetailsPanel({
  span,
  details,
  id,
}: {
  span: TraceSpan;
  details: SpanDetails;
  id: string;
}) {
  return (
    <div
      id={id}
      data-slot="span-details"
      className="space-y-3 border-t border-zinc-100 bg-zinc-50 px-3 py-3 text-xs"
    >
      {details.error && <DetailBlock title="Error" text={details.error} tone="error" />}
      {details.input && <DetailBlock title="Input" text={details.input} />}
      {details.output && <DetailBlock title="Output" text={details.output} />}
      <DetailBlock title="Attributes" text={JSON.stringify(span.attributes, null, 2)} />
    </div>
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
