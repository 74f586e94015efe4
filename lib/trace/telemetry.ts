import "server-only";
import { OpenTelemetry } from "@ai-sdk/otel";
import { context, type Tracer } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { registerTelemetry } from "ai";
import { getEnvironment } from "@/lib/env";
import { ConversationSpanProcessor } from "./conversation-span-processor";
import { getRecordingPolicy } from "./recording-policy";
import { RedactingSpanExporter } from "./redacting-span-exporter";
import { DatabaseSpanProcessor } from "./span-store";

export const tracerName = "agent-team";

interface TelemetryState {
  provider: BasicTracerProvider;
  tracer: Tracer;
  spanStore: DatabaseSpanProcessor;
}

// Next.js may load this module once per bundle (instrumentation, each route); the state must be one per process.
const stateKey = Symbol.for("agent-team.telemetry");
type GlobalWithTelemetry = typeof globalThis & { [stateKey]?: TelemetryState };

/**
 * Sets up tracing once per process: a tracer provider that stores spans in the metadata database
 * (and exports them over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set, redacted the same
 * way), with the conversation id on every span of a run, an AsyncLocalStorage
 * context manager so that spans started inside a tool nest under it, and the AI SDK's OpenTelemetry
 * integration. Safe to call any number of times.
 */
export function ensureTelemetry(): TelemetryState {
  const globalObject = globalThis as GlobalWithTelemetry;
  const existing = globalObject[stateKey];
  if (existing) return existing;

  // Without a context manager `context.with` is a no-op and every AI SDK call would start its own trace.
  const contextManager = new AsyncLocalStorageContextManager().enable();
  if (!context.setGlobalContextManager(contextManager)) contextManager.disable();

  const spanStore = new DatabaseSpanProcessor();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": tracerName }),
    spanProcessors: createSpanProcessors(spanStore),
  });
  const tracer = provider.getTracer(tracerName);
  registerTelemetry(new OpenTelemetry({ tracer, agentSpanName: "functionId" }));

  const state: TelemetryState = { provider, tracer, spanStore };
  globalObject[stateKey] = state;
  return state;
}

/** The tracer every span of the app is started with. */
export function getTracer(): Tracer {
  return ensureTelemetry().tracer;
}

/** Resolves once every span so far is stored: a run's answer closes only after its trace is complete. */
export function flushTraceWrites(): Promise<void> {
  return ensureTelemetry().spanStore.flush();
}

/** Tokens in and out of every model call of a run this process runs so far, sub-agents included. */
export function getRunTokenUsage(traceId: string): { inputTokens: number; outputTokens: number } {
  return ensureTelemetry().spanStore.tokenUsage(traceId);
}

function createSpanProcessors(spanStore: DatabaseSpanProcessor): SpanProcessor[] {
  // Order matters: the conversation id is set before the store and the exporter see the span.
  const processors: SpanProcessor[] = [new ConversationSpanProcessor(), spanStore];
  if (getEnvironment().OTEL_EXPORTER_OTLP_ENDPOINT) {
    // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and the traces-specific variable) itself and appends /v1/traces.
    const exporter = new RedactingSpanExporter(new OTLPTraceExporter(), getRecordingPolicy);
    processors.push(new BatchSpanProcessor(exporter));
  }
  return processors;
}
