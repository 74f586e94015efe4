import { formatDuration } from "./span-details";

/** What the layout needs of a span: its place in the tree and its timing. */
export interface SpanTiming {
  id: string;
  parentId: string | null;
  startTime: number;
  endTime: number | null;
}

/** One row of the waterfall: a span, its depth in the tree and its bar on the shared time axis. */
export interface TimelineRow<S extends SpanTiming = SpanTiming> {
  span: S;
  depth: number;
  /** Where the bar starts, in percent of the whole run. */
  offsetPercent: number;
  /** How long the bar is, in percent of the whole run. */
  widthPercent: number;
  /** The span's duration; for a running span, how long it has run so far. */
  durationMs: number;
}

export interface TimelineLayout<S extends SpanTiming = SpanTiming> {
  rows: TimelineRow<S>[];
  startTime: number;
  totalMs: number;
}

/**
 * Lays spans out as a waterfall: tree order (each span followed by its children, sorted by start
 * time), each bar placed on one time axis from the first start to the last end. Running spans
 * extend to `now`. Spans whose parent is not stored are shown as roots.
 */
export function layoutTimeline<S extends SpanTiming>(spans: readonly S[], now: number): TimelineLayout<S> {
  if (spans.length === 0) return { rows: [], startTime: now, totalMs: 0 };
  const endOf = (span: S) => Math.max(span.endTime ?? now, span.startTime);
  let startTime = Number.POSITIVE_INFINITY;
  let endTime = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    startTime = Math.min(startTime, span.startTime);
    endTime = Math.max(endTime, endOf(span));
  }
  const totalMs = endTime - startTime;
  const scale = totalMs > 0 ? 100 / totalMs : 0;

  const rows = treeOrder(spans).map(({ span, depth }): TimelineRow<S> => {
    const durationMs = endOf(span) - span.startTime;
    return {
      span,
      depth,
      offsetPercent: (span.startTime - startTime) * scale,
      widthPercent: totalMs > 0 ? durationMs * scale : 100,
      durationMs,
    };
  });
  return { rows, startTime, totalMs };
}

function treeOrder<S extends SpanTiming>(spans: readonly S[]): Array<{ span: S; depth: number }> {
  const ids = new Set(spans.map((span) => span.id));
  const children = new Map<string | null, S[]>();
  for (const span of spans) {
    const parent = span.parentId !== null && ids.has(span.parentId) ? span.parentId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(span);
    else children.set(parent, [span]);
  }
  for (const list of children.values()) list.sort((left, right) => left.startTime - right.startTime);

  const ordered: Array<{ span: S; depth: number }> = [];
  const visited = new Set<string>();
  // An explicit stack: a deep chain of spans must not overflow the call stack.
  const visit = (root: S) => {
    const stack: Array<{ span: S; depth: number }> = [{ span: root, depth: 0 }];
    while (stack.length > 0) {
      const next = stack.pop() as { span: S; depth: number };
      // Guards against a corrupt parent chain that loops back on itself.
      if (visited.has(next.span.id)) continue;
      visited.add(next.span.id);
      ordered.push(next);
      const kids = children.get(next.span.id) ?? [];
      for (let index = kids.length - 1; index >= 0; index--)
        stack.push({ span: kids[index], depth: next.depth + 1 });
    }
  };
  for (const root of children.get(null) ?? []) visit(root);
  // Spans caught in a cycle have no root above them; show them rather than lose them.
  for (const span of [...spans].sort((left, right) => left.startTime - right.startTime)) visit(span);
  return ordered;
}

/** One labelled tick of the time axis. */
export interface AxisTick {
  offsetPercent: number;
  label: string;
}

/**
 * Round-numbered ticks (1, 2 or 5 × a power of ten milliseconds) across a run of `totalMs`,
 * about `count` of them, starting at 0.
 */
export function timeAxisTicks(totalMs: number, count = 5): AxisTick[] {
  if (totalMs <= 0) return [{ offsetPercent: 0, label: "0 ms" }];
  const rough = totalMs / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? rough;
  const ticks: AxisTick[] = [];
  for (let index = 0; index * step <= totalMs; index++) {
    const time = index * step;
    ticks.push({ offsetPercent: (time / totalMs) * 100, label: time === 0 ? "0 ms" : formatDuration(time) });
  }
  return ticks;
}
