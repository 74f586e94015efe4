import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { context, SpanStatusCode } from "@opentelemetry/api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvironmentForTests } from "@/lib/env";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { startRunTrace } from "./run";
import { ensureTelemetry } from "./telemetry";

const openAiKey = "sk-exported0123456789abcdefgh";

const received: Array<{ path: string; body: string }> = [];
const collector = createServer(async (request: IncomingMessage, response) => {
  let body = "";
  for await (const chunk of request) body += chunk;
  received.push({ path: request.url ?? "", body });
  response.writeHead(200, { "content-type": "application/json" }).end("{}");
});

interface ExportedSpan {
  name: string;
  traceId: string;
  parentSpanId?: string;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
  status?: { code?: number; message?: string };
  events?: Array<{ attributes: Array<{ key: string; value: Record<string, unknown> }> }>;
}

/** The spans the collector received, decoded from OTLP/HTTP JSON. */
function exportedSpans(): ExportedSpan[] {
  return received.flatMap((request) => {
    const body = JSON.parse(request.body) as {
      resourceSpans: Array<{ scopeSpans: Array<{ spans: ExportedSpan[] }> }>;
    };
    return body.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
  });
}

function attributeOf(span: ExportedSpan | undefined, key: string): unknown {
  const value = span?.attributes.find((attribute) => attribute.key === key)?.value;
  return value && Object.values(value)[0];
}

/** A run with one model call that carries content, a credential and an error. */
async function exportRun(chatId: string) {
  const { provider, tracer } = ensureTelemetry();
  const run = startRunTrace({ name: "chat", chatId, input: `my key is ${openAiKey}` });
  const span = run.run(() =>
    tracer.startSpan(
      "chat gpt-4o-mini",
      {
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.input.messages": `Passage: the vault code is 4711. Key: ${openAiKey}`,
          "ai.request.headers.authorization": `Bearer ${openAiKey}`,
        },
      },
      context.active(),
    ),
  );
  span.recordException(new Error(`The provider rejected ${openAiKey}.`));
  span.setStatus({ code: SpanStatusCode.ERROR, message: `401 for ${openAiKey}` });
  span.end();
  run.end({ status: "ok" });
  await provider.forceFlush();
  return run;
}

describe("OTLP export", () => {
  beforeAll(async () => {
    collector.listen(0, "127.0.0.1");
    await once(collector, "listening");
    const { port } = collector.address() as AddressInfo;
    // The endpoint must be set before this process's first ensureTelemetry().
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${port}`;
  });
  afterAll(() => {
    collector.close();
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  });
  beforeEach(() => {
    received.length = 0;
  });

  describe("with content recorded", () => {
    useTemporaryDataDirectory({ OPENAI_API_KEY: openAiKey });

    it("sends the same spans to OTEL_EXPORTER_OTLP_ENDPOINT, nested, with the conversation id", async () => {
      const run = await exportRun("chat-otlp");
      expect(received.map((request) => request.path)).toContain("/v1/traces");
      const spans = exportedSpans().filter((span) => span.traceId === run.traceId);
      expect(spans.map((span) => span.name).sort()).toEqual(["chat gpt-4o-mini", "run chat"]);
      const call = spans.find((span) => span.name === "chat gpt-4o-mini");
      expect(call?.parentSpanId).toBe(run.rootSpanId);
      expect(attributeOf(call, "gen_ai.conversation.id")).toBe("chat-otlp");
      expect(attributeOf(call, "gen_ai.input.messages")).toContain("the vault code is 4711");
      expect(call?.status?.code).toBe(2);
    });

    it("redacts API keys and authorization headers in attributes, status and events", async () => {
      await exportRun("chat-secret");
      const raw = received.map((request) => request.body).join("\n");
      expect(raw).not.toContain(openAiKey);
      const call = exportedSpans().find((span) => span.name === "chat gpt-4o-mini");
      expect(attributeOf(call, "ai.request.headers.authorization")).toBe("[redacted]");
      expect(call?.status?.message).toBe("401 for [redacted]");
      expect(JSON.stringify(call?.events)).toContain("The provider rejected [redacted].");
    });
  });

  describe("with TRACE_RECORD_CONTENT=false", () => {
    useTemporaryDataDirectory({ OPENAI_API_KEY: openAiKey, TRACE_RECORD_CONTENT: "false" });

    it("exports no content, only the facts", async () => {
      resetEnvironmentForTests();
      await exportRun("chat-private");
      const raw = received.map((request) => request.body).join("\n");
      expect(raw).not.toContain("vault code");
      expect(raw).not.toContain("my key is");
      const call = exportedSpans().find((span) => span.name === "chat gpt-4o-mini");
      expect(attributeOf(call, "gen_ai.input.messages")).toBe("[not recorded]");
      expect(attributeOf(call, "gen_ai.conversation.id")).toBe("chat-private");
    });
  });
});
