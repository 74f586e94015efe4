import "server-only";
import { getDatabase } from "@/lib/db/database";
import type { TraceDetail, TraceSpan, TraceStatus, TraceSummary } from "./types";

interface TraceRow {
  id: string;
  name: string;
  status: TraceStatus;
  start_time: number;
  end_time: number | null;
  chat_id: string | null;
  input: string | null;
}

interface SummaryRow extends TraceRow {
  span_count: number;
  step_count: number;
  input_tokens: number;
  output_tokens: number;
}

interface SpanRow {
  id: string;
  parent_id: string | null;
  name: string;
  kind: string;
  start_time: number;
  end_time: number | null;
  status: TraceStatus;
  attributes: string;
}

// Tokens are summed over model calls only: agent spans repeat their calls' usage.
const usageTotal = (key: string) =>
  `(SELECT COALESCE(SUM(json_extract(s.attributes, '$."${key}"')), 0)
     FROM spans s WHERE s.trace_id = t.id AND s.kind = 'chat')`;

const summarySql = `
  SELECT t.*,
    (SELECT COUNT(*) FROM spans s WHERE s.trace_id = t.id) AS span_count,
    (SELECT COUNT(*) FROM spans s WHERE s.trace_id = t.id AND s.kind = 'chat') AS step_count,
    ${usageTotal("gen_ai.usage.input_tokens")} AS input_tokens,
    ${usageTotal("gen_ai.usage.output_tokens")} AS output_tokens
  FROM traces t ORDER BY t.start_time DESC, t.rowid DESC LIMIT ?`;

/** The most recent chat runs, newest first, with their span count, model calls and token usage. */
export function listTraces({ limit = 50 }: { limit?: number } = {}): TraceSummary[] {
  const rows = getDatabase().prepare(summarySql).all(limit) as unknown as SummaryRow[];
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    startTime: row.start_time,
    endTime: row.end_time,
    durationMs: row.end_time === null ? null : row.end_time - row.start_time,
    spanCount: row.span_count,
    stepCount: row.step_count,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    chatId: row.chat_id,
    input: row.input,
  }));
}

/** One run with all its spans in start order, or `undefined` when there is no such run. */
export function getTrace(id: string): TraceDetail | undefined {
  const database = getDatabase();
  const run = database.prepare("SELECT * FROM traces WHERE id = ?").get(id) as unknown as
    | TraceRow
    | undefined;
  if (!run) return undefined;
  const spans = database
    .prepare("SELECT * FROM spans WHERE trace_id = ? ORDER BY start_time, rowid")
    .all(id) as unknown as SpanRow[];
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    startTime: run.start_time,
    endTime: run.end_time,
    chatId: run.chat_id,
    input: run.input,
    spans: spans.map(toTraceSpan),
  };
}

function toTraceSpan(row: SpanRow): TraceSpan {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    kind: row.kind,
    startTime: row.start_time,
    endTime: row.end_time,
    status: row.status,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
  };
}
