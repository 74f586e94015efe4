import "server-only";
import { type HrTime, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { prepareStatement } from "@/lib/db/database";
import { getEnvironment } from "@/lib/env";
import { getRecordingPolicy } from "./recording-policy";
import { removeExpiredRuns } from "./retention";
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
  const { traceId, spanId } = span.spanContext();
  const kind = spanKind(span.name, span.attributes);
  if (kind === "run") {
    insertRun(span, traceId);
  } else if (!prepareStatement("SELECT 1 FROM traces WHERE id = ?").get(traceId)) {
    return;
  }
  prepareStatement(
    `INSERT OR REPLACE INTO spans (id, trace_id, parent_id, name, kind, start_time, end_time, status, attributes)
       VALUES (?, ?, ?, ?, ?, ?, NULL, 'running', ?)`,
  ).run(
    spanId,
    traceId,
    span.parentSpanContext?.spanId ?? null,
    span.name,
    kind,
    toMilliseconds(span.startTime),
    JSON.stringify(sanitizeAttributes(span.attributes, getRecordingPolicy())),
  );
}

function insertRun(span: Span, traceId: string): void {
  const policy = getRecordingPolicy();
  const input = policy.recordContent ? span.attributes[runInputAttribute] : undefined;
  const chatId = span.attributes[conversationIdAttribute];
  prepareStatement(
    `INSERT OR REPLACE INTO traces (id, name, chat_id, status, start_time, end_time, input)
       VALUES (?, ?, ?, 'running', ?, NULL, ?)`,
  ).run(
    traceId,
    span.name,
    typeof chatId === "string" ? chatId : null,
    toMilliseconds(span.startTime),
    typeof input === "string" ? truncate(redactSecrets(input, policy.knownSecrets)) : null,
  );
  const { TRACE_RETENTION_RUNS, TRACE_RETENTION_DAYS } = getEnvironment();
  removeExpiredRuns({ keepRuns: TRACE_RETENTION_RUNS, maxAgeDays: TRACE_RETENTION_DAYS });
}

function storeEndedSpan(span: ReadableSpan): void {
  const { traceId, spanId } = span.spanContext();
  // Spans outside a run were never stored; sanitising their attributes would be wasted work.
  if (!prepareStatement("SELECT 1 FROM spans WHERE id = ? AND trace_id = ?").get(spanId, traceId)) return;
  const status = span.status.code === SpanStatusCode.ERROR ? "error" : "ok";
  const policy = getRecordingPolicy();
  const attributes = sanitizeAttributes(span.attributes, policy);
  const errorMessage = status === "error" ? describeSpanError(span) : undefined;
  if (errorMessage)
    attributes[errorMessageAttribute] = truncate(redactSecrets(errorMessage, policy.knownSecrets));
  const endTime = toMilliseconds(span.endTime);
  const kind = spanKind(span.name, span.attributes);
  prepareStatement(
    "UPDATE spans SET name = ?, kind = ?, end_time = ?, status = ?, attributes = ? WHERE id = ?",
  ).run(span.name, kind, endTime, status, JSON.stringify(attributes), spanId);
  if (kind === "run") {
    prepareStatement("UPDATE traces SET status = ?, end_time = ? WHERE id = ?").run(status, endTime, traceId);
  }
}

function describeSpanError(span: ReadableSpan): string {
  if (span.status.message) return span.status.message;
  const exception = span.events.find((event) => event.name === "exception");
  const message = exception?.attributes?.["exception.message"];
  return typeof message === "string" && message ? message : "The operation failed.";
}

function toMilliseconds([seconds, nanoseconds]: HrTime): number {
  return seconds * 1000 + nanoseconds / 1e6;
}
