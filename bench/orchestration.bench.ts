import { isStepCount, streamText, ToolLoopAgent, tool, toUIMessageStream } from "ai";
import { z } from "zod";
import type { AgentRunContext } from "@/agents/agent-context";
import { RunBudget, runBudgetLimits } from "@/agents/run-budget";
import { CitationNumbering } from "@/agents/sub-agent-sources";
import { createSubAgentTool, type SubAgentDefinition } from "@/agents/sub-agent-tool";
import { startRunTrace } from "@/lib/trace/run";
import { ensureTelemetry } from "@/lib/trace/telemetry";
import { compareMedians } from "./measure";
import { createScriptedModel } from "./scripted-model";

const modelDelayMs = 2;

const searchTool = tool({
  description: "Searches the documents.",
  inputSchema: z.object({ query: z.string().describe("What to search for.") }),
  execute: async ({ query }) => ({
    passages: [{ text: `A passage about ${query}.`, documentName: "doc.md" }],
  }),
});

async function drain(stream: ReadableStream<unknown>) {
  const reader = stream.getReader();
  while (!(await reader.read()).done) {}
}

/** Baseline: the same model calls and the same tool, as raw nested `streamText` calls. */
async function runRawStreamText() {
  const delegate = tool({
    description: "Delegates to the retriever.",
    inputSchema: z.object({ task: z.string().describe("The task.") }),
    execute: async ({ task }) => {
      const inner = streamText({
        model: createScriptedModel(modelDelayMs),
        prompt: task,
        tools: { search_knowledge_base: searchTool },
        stopWhen: isStepCount(4),
      });
      return inner.text;
    },
  });
  const outer = streamText({
    model: createScriptedModel(modelDelayMs),
    prompt: "question",
    tools: { retriever_agent: delegate },
    stopWhen: isStepCount(4),
  });
  await drain(outer.stream);
}

const benchAgent: SubAgentDefinition = {
  toolName: "retriever_agent",
  title: "Retriever agent",
  description: "Delegates to the retriever.",
  createAgent: () =>
    new ToolLoopAgent({
      model: createScriptedModel(modelDelayMs),
      tools: { search_knowledge_base: searchTool },
      stopWhen: isStepCount(4),
      telemetry: { functionId: "retriever_agent" },
    }),
};

/** Ours: a traced manager whose sub-agent streams its steps as preliminary results into a UI message stream. */
async function runOrchestrated() {
  ensureTelemetry();
  const trace = startRunTrace({ name: "bench" });
  await trace.run(async () => {
    const writes: unknown[] = [];
    const context: AgentRunContext = {
      chatId: "bench",
      traceId: trace.traceId,
      disabledAgents: new Set(),
      visitedPages: new Map(),
      citationNumbering: new CitationNumbering(),
      budget: new RunBudget(runBudgetLimits()),
      writer: { write: (part) => writes.push(part), merge: () => {}, onError: undefined },
    };
    const manager = new ToolLoopAgent({
      model: createScriptedModel(modelDelayMs),
      tools: { retriever_agent: createSubAgentTool(benchAgent, context) },
      stopWhen: isStepCount(4),
      telemetry: { functionId: "manager" },
    });
    const result = await manager.stream({ prompt: "question" });
    await drain(toUIMessageStream({ stream: result.stream }));
  });
  trace.end({ status: "ok" });
}

/** Orchestration overhead of manager → sub-agent → tool against raw nested `streamText` (target ≤ 1.5×). */
export async function benchmark() {
  const { baselineMs, candidateMs, ratio } = await compareMedians(runRawStreamText, runOrchestrated);
  console.log(`orchestration: manager → sub-agent → tool, median ${candidateMs.toFixed(2)} ms`);
  console.log(
    `baseline: raw nested streamText, same model calls and tool, median ${baselineMs.toFixed(2)} ms`,
  );
  console.log(`orchestration overhead ratio: ${ratio.toFixed(2)}× (target ≤ 1.5×)`);
}
