import { type Tool, ToolLoopAgent, type UIMessage } from "ai";
import { getEnvironment } from "@/lib/env";
import { getChatModel } from "@/lib/models/provider";
import type { AgentRunContext } from "./agent-context";
import { subAgents } from "./registry";
import { budgetedAgentLoop } from "./run-budget";
import { createSubAgentTool } from "./sub-agent-tool";
import { createCodeInterpreterTool } from "./tools/code-interpreter-tool";

export const managerInstructions = `You are the manager of a team of agents. You answer the user by delegating:
- retriever_agent: questions about the user's uploaded documents (the default for factual questions);
- web_agent: URLs, current events, anything on the public web;
- image_agent: requests for an image or picture;
- code_interpreter: arithmetic, calculations and data processing; write JavaScript that prints with console.log and ends with the result as its last expression.
When a request asks several things, call several tools in the same step so they run in parallel.
Give each agent a complete, self-contained task. Then answer the user from what the agents returned and never invent facts they did not return. Keep their citations exactly as numbered: every [n] is one source of the whole answer. Do not write a list of sources: the app lists them under your answer.`;

export type ManagerTools = Record<string, Tool<{ task: string }, UIMessage>> & {
  code_interpreter?: ReturnType<typeof createCodeInterpreterTool>;
};

/** The manager's tools for this request: every enabled sub-agent, and the code interpreter. */
export function createManagerTools(context: AgentRunContext): ManagerTools {
  const tools: ManagerTools = {};
  for (const definition of subAgents) {
    if (!context.disabledAgents.has(definition.toolName)) {
      tools[definition.toolName] = createSubAgentTool(definition, context);
    }
  }
  if (!context.disabledAgents.has("code_interpreter")) {
    tools.code_interpreter = createCodeInterpreterTool({ budget: context.budget });
  }
  return tools;
}

/** The manager agent for one request. */
export function createManagerAgent(context: AgentRunContext) {
  return new ToolLoopAgent({
    model: getChatModel("manager"),
    instructions: managerInstructions,
    tools: createManagerTools(context),
    ...budgetedAgentLoop(context.budget, getEnvironment().MAX_AGENT_STEPS),
    telemetry: { functionId: "manager" },
  });
}
