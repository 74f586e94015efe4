import { context, trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { startRunTrace } from "./run";
import { runBudgetExceededAttribute } from "./span-attributes";
import { getTrace } from "./trace-queries";

describe("startRunTrace", () => {
  useTemporaryDataDirectory();

  it("records the run as running, with its root span, until it ends", async () => {
    const run = startRunTrace({ name: "chat", chatId: "chat-1", input: "What is RAG?" });
    expect(run.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(run.rootSpanId).toMatch(/^[0-9a-f]{16}$/);

    const running = await getTrace(run.traceId);
    expect(running).toMatchObject({ id: run.traceId, name: "run chat", status: "running", endTime: null });
    expect(running?.chatId).toBe("chat-1");
    expect(running?.input).toBe("What is RAG?");
    expect(running?.spans).toEqual([
      expect.objectContaining({
        id: run.rootSpanId,
        parentId: null,
        kind: "run",
        status: "running",
        attributes: expect.objectContaining({ "gen_ai.conversation.id": "chat-1" }),
      }),
    ]);

    run.end({ status: "ok" });
    const ended = await getTrace(run.traceId);
    expect(ended?.status).toBe("ok");
    expect(ended?.endTime).toBeGreaterThanOrEqual(ended?.startTime ?? Number.POSITIVE_INFINITY);
    expect(ended?.spans[0].status).toBe("ok");
  });

  it("runs the callback inside the root span's context and returns its result", async () => {
    const run = startRunTrace({ name: "chat" });
    const active = run.run(() => trace.getSpan(context.active())?.spanContext());
    expect(active).toMatchObject({ traceId: run.traceId, spanId: run.rootSpanId });
    expect(trace.getSpan(context.active())).toBeUndefined();
    run.end({ status: "ok" });
  });

  it("sets attributes on the root span, such as the budget that ended the run, until it ends", async () => {
    const run = startRunTrace({ name: "chat" });
    run.setAttribute(runBudgetExceededAttribute, "web_fetches");
    run.end({
      status: "error",
      message: "This run used its budget of 30 web fetches (RUN_MAX_WEB_FETCHES).",
    });
    run.setAttribute(runBudgetExceededAttribute, "tokens");
    const stored = await getTrace(run.traceId);
    expect(stored?.spans[0].attributes[runBudgetExceededAttribute]).toBe("web_fetches");
  });

  it("records a failed run with its message, and ignores a second end", async () => {
    const run = startRunTrace({ name: "chat" });
    run.end({ status: "error", message: "The model server answered 500." });
    run.end({ status: "ok" });
    const stored = await getTrace(run.traceId);
    expect(stored?.status).toBe("error");
    expect(stored?.spans[0].attributes["error.message"]).toBe("The model server answered 500.");
  });
});
