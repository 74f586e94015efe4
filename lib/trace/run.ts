import "server-only";
import { type AttributeValue, context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { withConversationId } from "./conversation-span-processor";
import { conversationIdAttribute, runInputAttribute, runKindAttribute } from "./span-attributes";
import { getTracer } from "./telemetry";

/** One chat run's trace: the root span that every AI SDK span of the run nests under. */
export interface RunTrace {
  /** The OpenTelemetry trace id (32 hex digits); `/traces/{traceId}` shows the run. */
  traceId: string;
  rootSpanId: string;
  /** Runs `fn` inside the root span's context, so AI SDK spans started in it become its children. */
  run<T>(fn: () => T): T;
  /** Sets an attribute of the root span, e.g. the budget that ended the run; ignored once ended. */
  setAttribute(name: string, value: AttributeValue): void;
  /** Ends the root span and the run's `traces` row; later calls are ignored. */
  end(result: { status: "ok" } | { status: "error"; message: string }): void;
}

/**
 * Starts the trace of one chat run: a root span `run {name}` (kind `run`) and its `traces` row
 * (status "running" until `end`). Call the agent inside `run(...)`, and `end(...)` when its stream is done.
 */
export function startRunTrace({
  name,
  chatId,
  input,
}: {
  name: string;
  chatId?: string;
  input?: string;
}): RunTrace {
  const span = getTracer().startSpan(`run ${name}`, {
    // A run is its own trace, whatever span (a framework's request span, say) happens to be active.
    root: true,
    kind: SpanKind.INTERNAL,
    attributes: {
      [runKindAttribute]: "run",
      ...(chatId ? { [conversationIdAttribute]: chatId } : {}),
      ...(input !== undefined ? { [runInputAttribute]: input } : {}),
    },
  });
  const withSpan = trace.setSpan(context.active(), span);
  const spanContext = chatId ? withConversationId(withSpan, chatId) : withSpan;
  let ended = false;
  return {
    traceId: span.spanContext().traceId,
    rootSpanId: span.spanContext().spanId,
    run: (fn) => context.with(spanContext, fn),
    setAttribute(name, value) {
      if (!ended) span.setAttribute(name, value);
    },
    end(result) {
      if (ended) return;
      ended = true;
      if (result.status === "error") span.setStatus({ code: SpanStatusCode.ERROR, message: result.message });
      else span.setStatus({ code: SpanStatusCode.OK });
      span.end();
    },
  };
}
