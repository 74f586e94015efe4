import { type Context, ROOT_CONTEXT, type Span, SpanStatusCode, trace } from "@opentelemetry/api";
import { conversationIdAttribute, runInputAttribute, runKindAttribute } from "@/lib/trace/span-attributes";
import { getTracer } from "@/lib/trace/telemetry";

const prompt = JSON.stringify([
  { role: "system", parts: [{ type: "text", content: "You are a helpful agent. ".repeat(20) }] },
  {
    role: "user",
    parts: [{ type: "text", content: "Find what the documents say about the launch. ".repeat(10) }],
  },
]);
const answer = "The documents say the launch is planned for spring, with three phases [1][2]. ".repeat(4);

/**
 * Records a finished run of exactly `spanCount` spans through the app's tracer and span store,
 * shaped like a real one: a manager whose steps each make a model call and delegate to three
 * sub-agents in parallel, each taking steps of a model call and a tool. Every 50th tool fails.
 * Returns the trace id.
 */
export function recordSyntheticRun(spanCount: number, input: string): string {
  const tracer = getTracer();
  let remaining = spanCount;
  let toolCalls = 0;
  const start = (
    name: string,
    parent: Context,
    startTime: number,
    attributes: Record<string, string | number>,
  ) => {
    if (remaining === 0) return undefined;
    remaining--;
    return tracer.startSpan(name, { startTime, attributes }, parent);
  };
  const inside = (span: Span) => trace.setSpan(ROOT_CONTEXT, span);
  const chat = (parent: Context, time: number) =>
    start("chat bench-model", parent, time, {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "bench-model",
      "gen_ai.usage.input_tokens": 420,
      "gen_ai.usage.output_tokens": 64,
      "gen_ai.input.messages": prompt,
      "gen_ai.output.messages": answer,
    })?.end(time + 200);
  const tool = (parent: Context, name: string, time: number) => {
    toolCalls++;
    const span = start(`execute_tool ${name}`, parent, time, {
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": name,
      "gen_ai.tool.call.id": `call-${toolCalls}`,
      "gen_ai.tool.call.arguments": JSON.stringify({ query: "launch phases" }),
    });
    if (span && toolCalls % 50 === 0)
      span.setStatus({ code: SpanStatusCode.ERROR, message: "The tool timed out." });
    return span;
  };

  const t0 = Date.now();
  const root = start("run chat", ROOT_CONTEXT, t0, {
    [runKindAttribute]: "run",
    [runInputAttribute]: input,
    [conversationIdAttribute]: "bench-chat",
  }) as Span;
  const manager = start("invoke_agent manager", inside(root), t0 + 1, {
    "gen_ai.operation.name": "invoke_agent",
    "gen_ai.agent.name": "manager",
  }) as Span;
  let time = t0 + 2;
  for (let step = 1; remaining > 0; step++, time += 1000) {
    const stepSpan = start(`step ${step}`, inside(manager), time, { "gen_ai.operation.name": "agent_step" });
    if (!stepSpan) break;
    chat(inside(stepSpan), time);
    for (const agent of ["web_agent", "retriever_agent", "image_agent"]) {
      const delegation = tool(inside(stepSpan), agent, time + 210);
      if (!delegation) break;
      recordSubAgent(agent, inside(delegation), time + 212);
      delegation.end(time + 910);
    }
    stepSpan.end(time + 990);
  }
  manager.end(time);
  root.end(time + 5);
  return root.spanContext().traceId;

  function recordSubAgent(name: string, parent: Context, begin: number) {
    const agent = start(`invoke_agent ${name}`, parent, begin, {
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": name,
    });
    if (!agent) return;
    for (let step = 0; step < 3; step++) {
      const at = begin + step * 230;
      const stepSpan = start(`step ${step + 1}`, inside(agent), at, {
        "gen_ai.operation.name": "agent_step",
      });
      if (!stepSpan) break;
      chat(inside(stepSpan), at);
      tool(inside(stepSpan), "search_knowledge_base", at + 200)?.end(at + 225);
      stepSpan.end(at + 228);
    }
    agent.end(begin + 690);
  }
}
