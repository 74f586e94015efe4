import "server-only";
import { getDatabase } from "@/lib/db/database";
import type { SpanRow, TraceRow } from "@/lib/db/schema";
import { flushTraceWrites } from "./telemetry";
import type { TimelineSpan, TraceDetail, TraceSpan, TraceTimeline } from "./types";

export type { TraceRow };

/** How much of an error message a waterfall row carries. */
const rowErrorLength = 300;

async function getTraceRow(id: string): Promise<TraceRow | undefined> {
  // Read your own writes: spans this process has queued are stored before the run is read.
  await flushTraceWrites();
  const database = await getDatabase();
  return database.selectFrom("traces").selectAll().where("id", "=", id).executeTakeFirst();
}

async function getSpanRows(traceId: string): Promise<SpanRow[]> {
  const database = await getDatabase();
  return database
    .selectFrom("spans")
    .selectAll()
    .where("trace_id", "=", traceId)
    .orderBy("start_time")
    .orderBy("sequence")
    .execute();
}

/** One run with all its spans in start order, or `undefined` when there is no such run. */
export async function getTrace(id: string): Promise<TraceDetail | undefined> {
  const run = await getTraceRow(id);
  if (!run) return undefined;
  const spans = await getSpanRows(id);
  return { ...toHeader(run), spans: spans.map(toTraceSpan) };
}

/** One run with its spans as waterfall rows (no inputs or outputs), or `undefined`. */
export async function getTraceTimeline(id: string): Promise<TraceTimeline | undefined> {
  const run = await getTraceRow(id);
  if (!run) return undefined;
  const database = await getDatabase();
  // Only the facts a row shows are read, so a big trace stays a small answer.
  const rows = await database
    .selectFrom("spans")
    .select([
      "id",
      "parent_id",
      "name",
      "kind",
      "start_time",
      "end_time",
      "status",
      "model",
      "input_tokens",
      "output_tokens",
      "agent_name",
      "tool_call_id",
      "error_message",
    ])
    .where("trace_id", "=", id)
    .orderBy("start_time")
    .orderBy("sequence")
    .execute();
  return { ...toHeader(run), spans: rows.map(toTimelineSpan) };
}

/** One span of a run with all its attributes, or `undefined`. */
export async function getSpan(traceId: string, spanId: string): Promise<TraceSpan | undefined> {
  await flushTraceWrites();
  const database = await getDatabase();
  const row = await database
    .selectFrom("spans")
    .selectAll()
    .where("trace_id", "=", traceId)
    .where("id", "=", spanId)
    .executeTakeFirst();
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

type TimelineSpanRow = Omit<SpanRow, "attributes" | "trace_id" | "sequence">;

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
  if (row.kind === "chat" && row.model !== null) span.model = row.model;
  if (row.input_tokens !== null) span.inputTokens = row.input_tokens;
  if (row.output_tokens !== null) span.outputTokens = row.output_tokens;
  if (row.agent_name !== null) span.agent = row.agent_name;
  if (row.tool_call_id !== null) span.toolCallId = row.tool_call_id;
  if (row.error_message) span.error = row.error_message.slice(0, rowErrorLength);
  return span;
}
