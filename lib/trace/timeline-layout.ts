import type { TraceSpan } from "./types";

/** One row of the waterfall: a span, its depth in the tree and its bar on the shared time axis. */
export interface TimelineRow {
  span: TraceSpan;
  depth: number;
  /** Where the bar starts, in percent of the whole run. */
  offsetPercent: number;
  /** How long the bar is, in percent of the whole run. */
  widthPercent: number;
  /** The span's duration; for a running span, how long it has run so far. */
  durationMs: number;
}

export interface TimelineLayout {
  rows: TimelineRow[];
  startTime: number;
  totalMs: number;
}

/**
 * Lays spans out as a waterfall: tree order (each span followed by its children, sorted by start
 * time), each bar placed on one time axis from the first start to the last end. Running spans
 * extend to `now`. Spans whose parent is not stored are shown as roots.
 */
export function layoutTimeline(spans: readonly TraceSpan[], now: number): TimelineLayout {
  if (spans.length === 0) return { rows: [], startTime: now, totalMs: 0 };
  const endOf = (span: TraceSpan) => Math.max(span.endTime ?? now, span.startTime);
  const startTime = Math.min(...spans.map((span) => span.startTime));
  const totalMs = Math.max(...spans.map(endOf)) - startTime;
  const scale = totalMs > 0 ? 100 / totalMs : 0;

  const rows: TimelineRow[] = [];
  for (const { span, depth } of treeOrder(spans)) {
    const durationMs = endOf(span) - span.startTime;
    rows.push({
      span,
      depth,
      offsetPercent: (span.startTime - startTime) * scale,
      widthPercent: totalMs > 0 ? durationMs * scale : 100,
      durationMs,
    });
  }
  return { rows, startTime, totalMs };
}

function treeOrder(spans: readonly TraceSpan[]): Array<{ span: TraceSpan; depth: number }> {
  const ids = new Set(spans.map((span) => span.id));
  const children = new Map<string | null, TraceSpan[]>();
  for (const span of spans) {
    const parent = span.parentId !== null && ids.has(span.parentId) ? span.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  for (const list of children.values()) list.sort((left, right) => left.startTime - right.startTime);

  const ordered: Array<{ span: TraceSpan; depth: number }> = [];
  const visited = new Set<string>();
  const visit = (span: TraceSpan, depth: number) => {
    // Guards against a corrupt parent chain that loops back on itself.
    if (visited.has(span.id)) return;
    visited.add(span.id);
    ordered.push({ span, depth });
    for (const child of children.get(span.id) ?? []) visit(child, depth + 1);
  };
  for (const root of children.get(null) ?? []) visit(root, 0);
  // Spans caught in a cycle have no root above them; show them rather than lose them.
  for (const span of [...spans].sort((left, right) => left.startTime - right.startTime)) visit(span, 0);
  return ordered;
}
