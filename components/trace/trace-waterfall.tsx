import type { TimelineLayout } from "@/lib/trace/timeline-layout";
import { SpanRow } from "./span-row";

/** Every span of a run, in tree order, with bars on one shared time axis. */
export function TraceWaterfall({ layout }: { layout: TimelineLayout }) {
  if (layout.rows.length === 0) return <p className="text-sm text-zinc-500">No spans recorded yet.</p>;
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white">
      <div
        aria-hidden="true"
        className="grid grid-cols-[minmax(16rem,2fr)_3fr_5rem_4rem] gap-3 border-b border-zinc-200 px-3 py-1.5 text-xs font-semibold text-zinc-500"
      >
        <span>Span</span>
        <span>Timeline</span>
        <span className="text-right">Duration</span>
        <span className="text-right">Status</span>
      </div>
      <ol aria-label="Spans" className="divide-y divide-zinc-100">
        {layout.rows.map((row) => (
          <SpanRow key={row.span.id} row={row} />
        ))}
      </ol>
    </div>
  );
}
