import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import {
  createUIMessageStream,
  readUIMessageStream,
  simulateReadableStream,
  ToolLoopAgent,
  tool,
  toUIMessageStream,
} from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { startRunTrace } from "./run";
import { getTrace } from "./trace-queries";
import type { TraceSpan } from "./types";

const usage = (input: number, output: number) => ({
  inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
});

function streamOf(parts: LanguageModelV4StreamPart[]) {
  return { stream: simulateReadableStream({ chunks: parts, chunkDelayInMs: 2 }) };
}

function textAnswer(text: string, input: number, output: number): LanguageModelV4StreamPart[] {
  return [
    { type: "text-start", id: "t" },
    { type: "text-delta", id: "t", delta: text },
    { type: "text-end", id: "t" },
    { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage: usage(input, output) },
  ];
}

// What the sub-agents reported instead of logging it to the console.
const subAgentErrors: unknown[] = [];

function createSubAgent(task: string) {
  const model =
    task === "fail"
      ? new MockLanguageModelV4({
          modelId: "sub-model",
          doStream: async () => {
            throw new Error("The sub-agent's model is down.");
          },
        })
      : new MockLanguageModelV4({
          modelId: "sub-model",
          doStream: streamOf(textAnswer(`Found ${task}.`, 7, 3)),
        });
  return new ToolLoopAgent({
    model,
    telemetry: { functionId: "retriever" },
    onError: ({ error }) => {
      subAgentErrors.push(error);
    },
  });
}

// Mirrors agents/sub-agent-tool.ts: an async-generator execute that streams the sub-agent's UI messages.
const retrieverAgentTool = tool({
  description: "Delegates to the retriever agent.",
  inputSchema: z.object({ task: z.string().describe("The task") }),
  async *execute({ task }, { abortSignal }) {
    const result = await createSubAgent(task).stream({ prompt: task, abortSignal });
    let streamError: unknown;
    const messages = readUIMessageStream({
      stream: toUIMessageStream({ stream: result.stream, onError: (error) => (error as Error).message }),
      onError: (error) => {
        streamError = error;
      },
    });
    for await (const message of messages) yield message;
    if (streamError) throw streamError;
  },
});

/** A manager whose first model call asks for the retriever agent once per task, in parallel. */
function createManager(tasks: string[]) {
  const toolCalls: LanguageModelV4StreamPart[] = [
    ...tasks.map((task, index) => ({
      type: "tool-call" as const,
      toolCallId: `call-${index + 1}`,
      toolName: "retriever_agent",
      input: JSON.stringify({ task }),
    })),
    { type: "finish", finishReason: { unified: "tool-calls", raw: undefined }, usage: usage(11, 5) },
  ];
  return new ToolLoopAgent({
    model: new MockLanguageModelV4({
      modelId: "manager-model",
      doStream: [streamOf(toolCalls), streamOf(textAnswer("Here is the answer.", 13, 4))],
    }),
    tools: { retriever_agent: retrieverAgentTool },
    telemetry: { functionId: "manager" },
  });
}

async function runManager(tasks: string[]) {
  const runTrace = startRunTrace({ name: "chat", chatId: "chat-1", input: "find it" });
  const result = await runTrace.run(() => createManager(tasks).stream({ prompt: "find it" }));
  // The route consumes the stream outside `run`, as the HTTP response does.
  const text = await result.text;
  runTrace.end({ status: "ok" });
  const trace = await getTrace(runTrace.traceId);
  if (!trace) throw new Error("the run was not stored");
  return { runTrace, text, trace };
}

function childrenOf(spans: TraceSpan[], parent: TraceSpan | undefined): TraceSpan[] {
  return spans.filter((span) => span.parentId === (parent?.id ?? null));
}

function onlyChild(spans: TraceSpan[], parent: TraceSpan | undefined, name: string): TraceSpan {
  const matches = childrenOf(spans, parent).filter((span) => span.name === name);
  expect(matches, `one "${name}" under "${parent?.name}"`).toHaveLength(1);
  return matches[0];
}

describe("AI SDK spans of a manager and its sub-agents", () => {
  useTemporaryDataDirectory();

  it("form one tree under the run, with the sub-agent inside the tool that called it", async () => {
    const { runTrace, text, trace } = await runManager(["alpha"]);
    expect(text).toBe("Here is the answer.");
    const { spans } = trace;
    expect(trace.status).toBe("ok");
    expect(spans.every((span) => span.status === "ok" && span.endTime !== null)).toBe(true);

    const root = onlyChild(spans, undefined, "run chat");
    expect(root.id).toBe(runTrace.rootSpanId);
    const manager = onlyChild(spans, root, "invoke_agent manager");
    expect(manager.kind).toBe("invoke_agent");
    const [firstStep, secondStep] = childrenOf(spans, manager);
    expect(firstStep.kind).toBe("agent_step");
    const managerCall = onlyChild(spans, firstStep, "chat manager-model");
    expect(managerCall.attributes["gen_ai.usage.input_tokens"]).toBe(11);
    expect(managerCall.attributes["gen_ai.usage.output_tokens"]).toBe(5);
    const toolSpan = onlyChild(spans, firstStep, "execute_tool retriever_agent");
    expect(toolSpan.kind).toBe("execute_tool");

    const subAgent = onlyChild(spans, toolSpan, "invoke_agent retriever");
    const subStep = childrenOf(spans, subAgent)[0];
    const subCall = onlyChild(spans, subStep, "chat sub-model");
    expect(subCall.attributes["gen_ai.usage.input_tokens"]).toBe(7);
    expect(subCall.startTime).toBeGreaterThanOrEqual(toolSpan.startTime);
    expect(subCall.endTime).toBeLessThanOrEqual(toolSpan.endTime ?? 0);

    onlyChild(spans, secondStep, "chat manager-model");
    expect(new Set(spans.map((span) => span.kind))).toEqual(
      new Set(["run", "invoke_agent", "agent_step", "chat", "execute_tool"]),
    );
  });

  it("carries the GenAI attributes: conversation on every span, agent, model, tool name and call id", async () => {
    const { trace } = await runManager(["alpha"]);
    const { spans } = trace;
    for (const span of spans) {
      expect(span.attributes["gen_ai.conversation.id"], span.name).toBe("chat-1");
    }
    const agents = spans.filter((span) => span.kind === "invoke_agent");
    expect(agents.map((span) => span.attributes["gen_ai.agent.name"]).sort()).toEqual([
      "manager",
      "retriever",
    ]);
    const toolSpan = spans.find((span) => span.kind === "execute_tool");
    expect(toolSpan?.attributes).toMatchObject({
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": "retriever_agent",
      "gen_ai.tool.call.id": "call-1",
    });
    const calls = spans.filter((span) => span.kind === "chat");
    expect(calls.map((span) => span.attributes["gen_ai.request.model"]).sort()).toEqual([
      "manager-model",
      "manager-model",
      "sub-model",
    ]);
    const subCall = calls.find((span) => span.attributes["gen_ai.request.model"] === "sub-model");
    expect(subCall?.attributes).toMatchObject({
      "gen_ai.usage.input_tokens": 7,
      "gen_ai.usage.output_tokens": 3,
    });
    expect(String(subCall?.attributes["gen_ai.output.messages"])).toContain("Found alpha.");
  });

  it("keeps parallel sub-agents under their own tool calls", async () => {
    const { trace } = await runManager(["alpha", "beta"]);
    const toolSpans = trace.spans.filter((span) => span.kind === "execute_tool");
    expect(toolSpans).toHaveLength(2);
    for (const toolSpan of toolSpans) {
      const task = JSON.parse(String(toolSpan.attributes["gen_ai.tool.call.arguments"])).task;
      const subAgent = onlyChild(trace.spans, toolSpan, "invoke_agent retriever");
      expect(subAgent.attributes["gen_ai.input.messages"]).toContain(task);
      expect(subAgent.attributes["gen_ai.output.messages"]).toContain(`Found ${task}.`);
    }
    const [first, second] = trace.spans.filter((span) => span.name === "invoke_agent retriever");
    // Parallel tool calls run their sub-agents at the same time: the two spans overlap.
    expect(Math.max(first.startTime, second.startTime)).toBeLessThan(
      Math.min(first.endTime ?? 0, second.endTime ?? 0),
    );
  });

  it("marks the failing sub-agent and its tool call as errors, with the message", async () => {
    const { trace } = await runManager(["fail"]);
    const toolSpan = trace.spans.find((span) => span.kind === "execute_tool");
    expect(toolSpan?.status).toBe("error");
    expect(toolSpan?.attributes["error.message"]).toContain("The sub-agent's model is down.");
    const subAgent = onlyChild(trace.spans, toolSpan, "invoke_agent retriever");
    expect(subAgent.status).toBe("error");
    const failedCall = trace.spans.find((span) => span.name === "chat sub-model");
    expect(failedCall?.status).toBe("error");
    expect(failedCall?.attributes["error.message"]).toBe("The sub-agent's model is down.");
    expect(subAgentErrors).toContainEqual(new Error("The sub-agent's model is down."));
  });

  it("nests the same way when the run streams through createUIMessageStream, as the chat route does", async () => {
    const runTrace = startRunTrace({ name: "chat", input: "find it" });
    const stream = createUIMessageStream({
      execute: ({ writer }) =>
        runTrace.run(async () => {
          const result = await createManager(["alpha"]).stream({ prompt: "find it" });
          writer.merge(toUIMessageStream({ stream: result.stream }));
        }),
      onEnd: () => runTrace.end({ status: "ok" }),
    });
    // Reading the stream as the HTTP response would drives the run.
    const reader = stream.getReader();
    while (!(await reader.read()).done) {}
    const trace = await getTrace(runTrace.traceId);
    expect(trace?.status).toBe("ok");
    const spans = trace?.spans ?? [];
    const manager = onlyChild(spans, onlyChild(spans, undefined, "run chat"), "invoke_agent manager");
    const toolSpan = spans.find((span) => span.kind === "execute_tool");
    expect(childrenOf(spans, manager)).toContainEqual(expect.objectContaining({ id: toolSpan?.parentId }));
    onlyChild(spans, toolSpan, "invoke_agent retriever");
  });
});
