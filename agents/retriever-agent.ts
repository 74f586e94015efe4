import { isStepCount, ToolLoopAgent } from "ai";
import { getEnvironment } from "@/lib/env";
import { getChatModel } from "@/lib/models/provider";
import type { SubAgentDefinition } from "./sub-agent-tool";
import { searchKnowledgeBaseTool } from "./tools/search-knowledge-base-tool";

export const retrieverAgentInstructions = `You are the retriever agent. You answer from the user's own documents.
- Call search_knowledge_base with a focused query; search again with other words if the passages do not answer the task.
- Answer only from the passages. Quote the sentences that answer the task and cite each as [n].
- End with a "Sources" list: [n] document name, page.
- If nothing relevant is found, say so plainly.`;

export const retrieverAgent: SubAgentDefinition = {
  toolName: "retriever_agent",
  title: "Retriever agent",
  description:
    "Delegates a question to the retriever agent, which searches the user's uploaded documents (the knowledge base) and answers with citations.",
  createAgent: () =>
    new ToolLoopAgent({
      model: getChatModel("retriever"),
      instructions: retrieverAgentInstructions,
      tools: { search_knowledge_base: searchKnowledgeBaseTool },
      stopWhen: isStepCount(getEnvironment().MAX_AGENT_STEPS),
      telemetry: { functionId: "retriever_agent" },
    }),
};
