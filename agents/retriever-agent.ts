import { ToolLoopAgent } from "ai";
import { withAttachmentSearch } from "@/lib/attachments/attachment-search";
import { getEnvironment } from "@/lib/env";
import { getChatModel } from "@/lib/models/provider";
import { budgetedAgentLoop } from "./run-budget";
import type { SubAgentDefinition } from "./sub-agent-tool";
import { searchKnowledgeBaseTool } from "./tools/search-knowledge-base-tool";

export const retrieverAgentInstructions = `You are the retriever agent. You answer from the user's own documents.
- Call search_knowledge_base with a focused query; search again with other words if the passages do not answer the task.
- When the task names a document, pass it in "documents" to search only that document.
- Answer only from the passages. Quote or paraphrase the sentences that answer the task and cite each as [n].
- Number references from [1] in the order you first cite them; one number per passage.
- End with a "Sources" list, one line per reference: [n] document name, page (when the passage has one).
- If the search returns a notice (e.g. the embedding model changed), mention it.
- If nothing relevant is found, say so plainly.`;

export const retrieverAgent: SubAgentDefinition = {
  toolName: "retriever_agent",
  title: "Retriever agent",
  description:
    "Delegates a question to the retriever agent, which searches the user's uploaded documents (the knowledge base) and answers with citations.",
  createAgent: (context) =>
    new ToolLoopAgent({
      model: getChatModel("retriever"),
      instructions: retrieverAgentInstructions,
      // Files attached to the conversation are searched with the knowledge base, never added to it.
      tools: { search_knowledge_base: withAttachmentSearch(searchKnowledgeBaseTool, context.attachments) },
      ...budgetedAgentLoop(context.budget, getEnvironment().MAX_AGENT_STEPS),
      telemetry: { functionId: "retriever_agent" },
    }),
};
