import "server-only";
import { type HrTime, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { getDatabase } from "@/lib/db/database";
import { getEnvironment } from "@/lib/env";
import {
  conversationIdAttribute,
  errorMessageAttribute,
  redactSecrets,
  runInputAttribute,
  sanitizeAttributes,
  spanKind,
  truncate,
} from "./span-attributes";

/**
 * Stores the spans of chat runs in the metadata database as they happen: a row when a span starts
 * (status "running"), completed when it ends, so /traces/[id] can show a run live. A run's root span
 * (kind `run`, see `startRunTrace`) also writes its `traces` row; spans outside a run (document
 * ingestion, for instance) are left to the OTLP exporter.
 */
export class SqliteSpanProcessor implements SpanProcessor {
  onStart(span: Span): void {
    guard(() => storeStartedSpan(span));
  }

  onEnd(span: ReadableSpan): void {
    guard(() => storeEndedSpan(span));
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}

// A span processor runs inside the AI SDK's calls: a failed write must not fail the chat it observes.
function guard(write: () => void): void {
  try {
    write();
  } catch (error) {
    console.error("Could not store a trace span:", error);
  }
}

function storeStartedSpan(span: Span): void {
  const database = getDatabase();
  const { traceId, spanId } = span.spanContext();
  const kind = spanKind(span.name, span.attributes);
  if (kind === "run") {
    insertRun(span, traceId);
  } else if (!database.prepare("SELECT 1 FROM traces WHERE id = ?").get(traceId)) {
    return;
  }
  database
    .prepare(
      `INSERT OR REPLACE INTO spans (id, trace_id, parent_id, name, kind, start_time, end_time, status, attributes)
       VALUES (?, ?, ?, ?, ?, ?, NULL, 'running', ?)`,
    )
    .run(
      spanId,
      traceId,
      span.parentSpanContext?.spanId ?? null,
      span.name,
      kind,
      toMilliseconds(span.startTime),
      JSON.stringify(sanitizeAttributes(span.attributes, knownSecrets())),
    );
}

function insertRun(span: Span, traceId: string): void {
  const database = getDatabase();
  const input = span.attributes[runInputAttribute];
  const chatId = span.attributes[conversationIdAttribute];
  database
    .prepare(
      `INSERT OR REPLACE INTO traces (id, name, chat_id, status, start_time, end_time, input)
       VALUES (?, ?, ?, 'running', ?, NULL, ?)`,
    )
    .run(
      traceId,
      span.name,
      typeof chatId === "string" ? chatId : null,
      toMilliseconds(span.startTime),
      typeof input === "string" ? truncate(redactSecrets(input, knownSecrets())) : null,
    );
  removeOldRuns(getEnvironment().TRACE_RETENTION_RUNS);
}

function storeEndedSpan(span: ReadableSpan): void {
  const database = getDatabase();
  const { traceId, spanId } = span.spanContext();
  const status = span.status.code === SpanStatusCode.ERROR ? "error" : "ok";
  const attributes = sanitizeAttributes(span.attributes, knownSecrets());
  const errorMessage = status === "error" ? describeSpanError(span) : undefined;
  if (errorMessage) attributes[errorMessageAttribute] = truncate(redactSecrets(errorMessage, knownSecrets()));
  const endTime = toMilliseconds(span.endTime);
  const kind = spanKind(span.name, span.attributes);
  database
    .prepare("UPDATE spans SET name = ?, kind = ?, end_time = ?, status = ?, attributes = ? WHERE id = ?")
    .run(span.name, kind, endTime, status, JSON.stringify(attributes), spanId);
  if (kind === "run") {
    database.prepare("UPDATE traces SET status = ?, end_time = ? WHERE id = ?").run(status, endTime, traceId);
  }
}

function describeSpanError(span: ReadableSpan): string {
  if (span.status.message) return span.status.message;
  const exception = span.events.find((event) => event.name === "exception");
  const message = exception?.attributes?.["exception.message"];
  return typeof message === "string" && message ? message : "The operation failed.";
}

/** Keeps the newest `keep` runs and their spans; older ones are deleted. */
export function removeOldRuns(keep: number): void {
  const database = getDatabase();
  const oldRuns = "SELECT id FROM traces ORDER BY start_time DESC, rowid DESC LIMIT -1 OFFSET ?";
  database.prepare(`DELETE FROM spans WHERE trace_id IN (${oldRuns})`).run(keep);
  database.prepare(`DELETE FROM traces WHERE id IN (${oldRuns})`).run(keep);
}

function knownSecrets(): string[] {
  const { OPENAI_API_KEY, TAVILY_API_KEY, BRAVE_API_KEY } = getEnvironment();
  return [OPENAI_API_KEY, TAVILY_API_KEY, BRAVE_API_KEY].filter((value): value is string => Boolean(value));
}

function toMilliseconds([seconds, nanoseconds]: HrTime): number {
  return seconds * 1000 + nanoseconds / 1e6;
}
