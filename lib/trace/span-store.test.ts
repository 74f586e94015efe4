import { context, SpanStatusCode, trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { storedRows } from "@/tests/stored-rows";
import { databaseBackends, useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { startRunTrace } from "./run";
import { getTracer } from "./telemetry";
import { listTraces } from "./trace-list";
import { getTrace } from "./trace-queries";

const openAiKey = "sk-configured0123456789abcdef";

function childSpan(
  run: ReturnType<typeof startRunTrace>,
  name: string,
  attributes: Record<string, string | number>,
) {
  return run.run(() => getTracer().startSpan(name, { attributes }, context.active()));
}

describe.each(databaseBackends)("the span store on %s", (backend) => {
  useTemporaryDataDirectory({ OPENAI_API_KEY: openAiKey, TRACE_RETENTION_RUNS: "3" }, backend);

  it("writes a running row when a span starts and completes it when the span ends", async () => {
    const run = startRunTrace({ name: "chat", chatId: "chat-7", input: "hello" });
    const span = childSpan(run, "chat gpt-4o-mini", { "gen_ai.operation.name": "chat" });

    const started = (await getTrace(run.traceId))?.spans.find((stored) => stored.name === "chat gpt-4o-mini");
    expect(started).toMatchObject({
      kind: "chat",
      status: "running",
      endTime: null,
      parentId: run.rootSpanId,
    });

    span.setAttributes({ "gen_ai.usage.input_tokens": 12, "gen_ai.usage.output_tokens": 8 });
    span.end();
    run.end({ status: "ok" });

    const stored = await getTrace(run.traceId);
    const ended = stored?.spans.find((candidate) => candidate.name === "chat gpt-4o-mini");
    expect(ended?.status).toBe("ok");
    expect(ended?.endTime).toBeGreaterThanOrEqual(ended?.startTime ?? Number.POSITIVE_INFINITY);
    expect(ended?.attributes["gen_ai.usage.input_tokens"]).toBe(12);
    expect((await listTraces({ limit: 10 }))[0]).toMatchObject({
      id: run.traceId,
      status: "ok",
      chatId: "chat-7",
      input: "hello",
      spanCount: 2,
      stepCount: 1,
      inputTokens: 12,
      outputTokens: 8,
    });
  });

  it("records a failed span's status and error message", async () => {
    const run = startRunTrace({ name: "chat" });
    const span = childSpan(run, "execute_tool web_search", { "gen_ai.operation.name": "execute_tool" });
    span.recordException(new Error("SearXNG answered 502."));
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    run.end({ status: "ok" });
    const stored = (await getTrace(run.traceId))?.spans.find(
      (candidate) => candidate.kind === "execute_tool",
    );
    expect(stored?.status).toBe("error");
    expect(stored?.attributes["error.message"]).toBe("SearXNG answered 502.");
  });

  it("redacts secrets and truncates long values before storing them", async () => {
    const run = startRunTrace({ name: "chat", input: `my key is ${openAiKey}` });
    const span = childSpan(run, "chat gpt-4o-mini", {
      "gen_ai.operation.name": "chat",
      "ai.request.headers.authorization": "Bearer abcdefghijklmnop",
      "gen_ai.input.messages": `use Bearer token123456789 and ${openAiKey} and sk-other0123456789abcdefghij`,
      "gen_ai.output.messages": "x".repeat(50_000),
    });
    span.end();
    run.end({ status: "ok" });

    const stored = JSON.stringify(await storedRows("spans"));
    expect(stored).not.toContain(openAiKey);
    expect(stored).not.toContain("abcdefghijklmnop");
    expect(stored).not.toContain("token123456789");
    expect(stored).not.toContain("sk-other");
    const attributes = (await getTrace(run.traceId))?.spans.find(
      (candidate) => candidate.kind === "chat",
    )?.attributes;
    expect(attributes?.["ai.request.headers.authorization"]).toBe("[redacted]");
    expect(String(attributes?.["gen_ai.output.messages"]).length).toBeLessThan(20_100);
    expect((await getTrace(run.traceId))?.input).toBe("my key is [redacted]");
  });

  it("ignores spans that belong to no run", async () => {
    getTracer().startSpan("embeddings text-embedding-3-small", { root: true }).end();
    expect(await storedRows("spans")).toEqual([]);
  });

  it("keeps only the newest TRACE_RETENTION_RUNS runs and their spans", async () => {
    const traceIds: string[] = [];
    for (let index = 0; index < 5; index++) {
      const run = startRunTrace({ name: "chat", input: `question ${index}` });
      childSpan(run, "chat model", { "gen_ai.operation.name": "chat" }).end();
      run.end({ status: "ok" });
      traceIds.push(run.traceId);
    }
    expect((await listTraces({ limit: 10 })).map((summary) => summary.id)).toEqual(
      traceIds.slice(2).reverse(),
    );
    expect(await getTrace(traceIds[0])).toBeUndefined();
    const spanTraceIds = new Set((await storedRows("spans")).map((row) => String(row.trace_id)));
    expect([...spanTraceIds].sort()).toEqual(traceIds.slice(2).sort());
  });

  it("starts each run as a new trace even when another span is active", async () => {
    const outer = getTracer().startSpan("GET /api/chat", { root: true });
    const run = context.with(trace.setSpan(context.active(), outer), () => startRunTrace({ name: "chat" }));
    expect(run.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(run.traceId).not.toBe(outer.spanContext().traceId);
    outer.end();
    run.end({ status: "ok" });
  });
});

describe.each(databaseBackends)("the span store with TRACE_RECORD_CONTENT=false on %s", (backend) => {
  useTemporaryDataDirectory({ TRACE_RECORD_CONTENT: "false" }, backend);

  it("stores names, models, tokens, tool call ids and errors, but no content", async () => {
    const run = startRunTrace({ name: "chat", chatId: "chat-9", input: "What does Alice earn?" });
    const span = childSpan(run, "execute_tool search_knowledge_base", {
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": "search_knowledge_base",
      "gen_ai.tool.call.id": "call-42",
      "gen_ai.tool.call.arguments": '{"query":"Alice salary"}',
    });
    span.setAttribute("gen_ai.tool.call.result", "Alice earns 100 000 a year.");
    span.setStatus({ code: SpanStatusCode.ERROR, message: "The index is being rebuilt." });
    span.end();
    run.end({ status: "ok" });

    const stored = JSON.stringify(await storedRows("spans"));
    const runs = JSON.stringify(await storedRows("traces"));
    for (const content of ["Alice salary", "Alice earns", "What does Alice earn"]) {
      expect(stored).not.toContain(content);
      expect(runs).not.toContain(content);
    }
    const tool = (await getTrace(run.traceId))?.spans.find((candidate) => candidate.kind === "execute_tool");
    expect(tool?.attributes).toMatchObject({
      "gen_ai.tool.name": "search_knowledge_base",
      "gen_ai.tool.call.id": "call-42",
      "gen_ai.tool.call.arguments": "[not recorded]",
      "gen_ai.tool.call.result": "[not recorded]",
      "gen_ai.conversation.id": "chat-9",
      "error.message": "The index is being rebuilt.",
    });
    expect((await getTrace(run.traceId))?.input).toBeNull();
  });
});
