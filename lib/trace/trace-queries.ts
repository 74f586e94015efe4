import "server-only";
import { getDatabase } from "@/lib/db/database";
import type { TimelineSpan, TraceDetail, TraceSpan, TraceStatus, TraceTimeline } from "./types";

/** A row of the traces table. */
export interface TraceRow {
  id: string;
  name: string;
  status: TraceStatus;
  start_time: number;
  end_time: number | null;
  chat_id: string | null;
  input: string | null;
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

interface TimelineSpanRow extends Omit<SpanRow, "attributes"> {
  model: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  agent: string | null;
  tool_call_id: string | null;
  error: string | null;
}

/** How much of an error message a waterfall row carries. */
const rowErrorLength = 300;

const attribute = (key: string) => `json_extract(attributes, '$."${key}"')`;

// Only the facts a row shows are read out of the attributes, so a big trace stays a small answer.
const timelineSql = `
  SELECT id, parent_id, name, kind, start_time, end_time, status,
    CASE WHEN kind = 'chat'
      THEN COALESCE(${attribute("gen_ai.response.model")}, ${attribute("gen_ai.request.model")}) END AS model,
    ${attribute("gen_ai.usage.input_tokens")} AS input_tokens,
    ${attribute("gen_ai.usage.output_tokens")} AS output_tokens,
    ${attribute("gen_ai.agent.name")} AS agent,
    ${attribute("gen_ai.tool.call.id")} AS tool_call_id,
    substr(${attribute("error.message")}, 1, ${rowErrorLength}) AS error
  FROM spans WHERE trace_id = ? ORDER BY start_time, rowid`;

function getTraceRow(id: string): TraceRow | undefined {
  return getDatabase().prepare("SELECT * FROM traces WHERE id = ?").get(id) as unknown as
    | TraceRow
    | undefined;
}

/** One run with all its spans in start order, or `undefined` when there is no such run. */
export function getTrace(id: string): TraceDetail | undefined {
  const run = getTraceRow(id);
  if (!run) return undefined;
  const spans = getDatabase()
    .prepare("SELECT * FROM spans WHERE trace_id = ? ORDER BY start_time, rowid")
    .all(id) as unknown as SpanRow[];
  return { ...toHeader(run), spans: spans.map(toTraceSpan) };
}

/** One run with its spans as waterfall rows (no inputs or outputs), or `undefined`. */
export function getTraceTimeline(id: string): TraceTimeline | undefined {
  const run = getTraceRow(id);
  if (!run) return undefined;
  const rows = getDatabase().prepare(timelineSql).all(id) as unknown as TimelineSpanRow[];
  return { ...toHeader(run), spans: rows.map(toTimelineSpan) };
}

/**
 * Tokens in and out of every model call of a run so far, the manager's and every sub-agent's.
 * Agent spans repeat their calls' usage, so only `chat` spans are summed.
 */
export function getRunTokenUsage(traceId: string): { inputTokens: number; outputTokens: number } {
  const row = getDatabase()
    .prepare(
      `SELECT COALESCE(SUM(${attribute("gen_ai.usage.input_tokens")}), 0) AS input_tokens,
              COALESCE(SUM(${attribute("gen_ai.usage.output_tokens")}), 0) AS output_tokens
       FROM spans WHERE trace_id = ? AND kind = 'chat'`,
    )
    .get(traceId) as { input_tokens: number; output_tokens: number };
  return { inputTokens: row.input_tokens, outputTokens: row.output_tokens };
}

/** One span of a run with all its attributes, or `undefined`. */
export function getSpan(traceId: string, spanId: string): TraceSpan | undefined {
  const row = getDatabase()
    .prepare("SELECT * FROM spans WHERE trace_id = ? AND id = ?")
    .get(traceId, spanId) as unknown as SpanRow | undefined;
  return row && toTraceSpan(row);
}

function toHeader(run: TraceRow) {
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    startTime: run.start_time,
    endTime: run.end_time,
    chatId: run.chat_id,
    input: run.input,
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

function toTimelineSpan(row: TimelineSpanRow): TimelineSpan {
  const span: TimelineSpan = {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    kind: row.kind,
    startTime: row.start_time,
    endTime: row.end_time,
    status: row.status,
  };
  if (typeof row.model === "string") span.model = row.model;
  if (typeof row.input_tokens === "number") span.inputTokens = row.input_tokens;
  if (typeof row.output_tokens === "number") span.outputTokens = row.output_tokens;
  if (typeof row.agent === "string") span.agent = row.agent;
  if (typeof row.tool_call_id === "string") span.toolCallId = row.tool_call_id;
  if (typeof row.error === "string" && row.error) span.error = row.error;
  return span;
}
