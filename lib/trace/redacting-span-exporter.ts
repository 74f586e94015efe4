import type { Attributes } from "@opentelemetry/api";
import type { ReadableSpan, SpanExporter, TimedEvent } from "@opentelemetry/sdk-trace-base";
import { type RecordingPolicy, redactSecrets, sanitizeAttributes } from "./span-attributes";

type ResultCallback = Parameters<SpanExporter["export"]>[1];

/**
 * Wraps an exporter (OTLP) so that what leaves the process follows the same recording policy as
 * what is stored: secrets redacted, content dropped when switched off, long values truncated.
 */
export class RedactingSpanExporter implements SpanExporter {
  constructor(
    private readonly exporter: SpanExporter,
    private readonly getPolicy: () => RecordingPolicy,
  ) {}

  export(spans: ReadableSpan[], resultCallback: ResultCallback): void {
    const policy = this.getPolicy();
    this.exporter.export(
      spans.map((span) => redactSpan(span, policy)),
      resultCallback,
    );
  }

  shutdown(): Promise<void> {
    return this.exporter.shutdown();
  }

  async forceFlush(): Promise<void> {
    await this.exporter.forceFlush?.();
  }
}

/** A copy of the span with its attributes, status message and events sanitised by `policy`. */
export function redactSpan(span: ReadableSpan, policy: RecordingPolicy): ReadableSpan {
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanContext: span.parentSpanContext,
    startTime: span.startTime,
    endTime: span.endTime,
    status: span.status.message
      ? { ...span.status, message: redactSecrets(span.status.message, policy.knownSecrets) }
      : span.status,
    attributes: sanitizeForExport(span.attributes, policy),
    links: span.links,
    events: span.events.map(
      (event): TimedEvent => ({
        ...event,
        attributes: event.attributes && sanitizeForExport(event.attributes, policy),
      }),
    ),
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

function sanitizeForExport(attributes: Attributes, policy: RecordingPolicy): Attributes {
  // Sanitising keeps each value's type, so OpenTelemetry's one-type-per-array rule still holds.
  return sanitizeAttributes(attributes, policy) as Attributes;
}
