import { isStepCount, ToolLoopAgent, type UIMessage } from "ai";
import { describe, expect, it } from "vitest";
import { prepareAttachments } from "@/lib/attachments/prepare-attachments";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import type { AgentRunContext } from "./agent-context";
import { retrieverAgent } from "./retriever-agent";
import { CitationNumbering } from "./sub-agent-sources";
import { createSubAgentTool, type SubAgentDefinition, subAgentPrompt } from "./sub-agent-tool";
import { createTestBudget } from "./test-budget";
import { createTurnModel } from "./test-models";

const memo = [
  "# Lighthouse keepers' memo",
  "",
  "The lamp of the Brandaris lighthouse is replaced every 18 months.",
  "",
  "Keepers must log the fog horn tests on Sundays.",
].join("\n");

const messages: ChatMessage[] = [
  {
    id: "m1",
    role: "user",
    parts: [
      {
        type: "file",
        mediaType: "text/markdown",
        filename: "memo.md",
        url: `data:text/markdown;base64,${Buffer.from(memo).toString("base64")}`,
      },
      { type: "text", text: "What does the attached file say about the lamp?" },
    ],
  },
];

async function createContext(): Promise<AgentRunContext> {
  return {
    chatId: "chat-1",
    traceId: "trace-1",
    disabledAgents: new Set(),
    visitedPages: new Map(),
    citationNumbering: new CitationNumbering(),
    budget: createTestBudget(),
    writer: { write: () => {}, merge: () => {}, onError: undefined },
    attachments: await prepareAttachments(messages),
  };
}

async function runTool(
  definition: SubAgentDefinition,
  context: AgentRunContext,
  task: string,
): Promise<UIMessage> {
  const subAgentTool = createSubAgentTool(definition, context);
  const result = await subAgentTool.execute?.({ task }, { toolCallId: "call-1", messages: [], context: {} });
  if (!result) throw new Error("the sub-agent gave no message");
  return result as UIMessage;
}

describe("attachments reach sub-agents", () => {
  useTemporaryDataDirectory({ OPENAI_API_KEY: "" });

  it("gives a delegated agent the attachments before its task, the task staying the last message", async () => {
    const context = await createContext();
    const prompt = subAgentPrompt("Summarise the memo", context);
    expect(Array.isArray(prompt)).toBe(true);
    const model = createTurnModel([{ text: "Done." }]);
    const definition: SubAgentDefinition = {
      toolName: "web_agent",
      title: "Web agent",
      description: "test",
      createAgent: () => new ToolLoopAgent({ model, stopWhen: isStepCount(1) }),
    };
    await runTool(definition, context, "Summarise the memo");
    const sent = model.doStreamCalls[0].prompt;
    expect(JSON.stringify(sent.at(-2))).toContain("Keepers must log the fog horn tests");
    expect(sent.at(-1)).toMatchObject({
      role: "user",
      content: [{ type: "text", text: "Summarise the memo" }],
    });
    expect(subAgentPrompt("just the task", { ...context, attachments: undefined })).toBe("just the task");
  });

  it("lets the offline retriever answer from an attached file that never joined the knowledge base", async () => {
    const answer = await runTool(
      retrieverAgent,
      await createContext(),
      "What does the attached file say about the lamp?",
    );
    const search = answer.parts.find((part) => part.type === "tool-search_knowledge_base") as
      | { output?: { passages: Array<{ documentName: string; attached?: boolean }> } }
      | undefined;
    expect(search?.output?.passages[0]).toMatchObject({ documentName: "memo.md", attached: true });
    const text = answer.parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("");
    expect(text).toContain("The lamp of the Brandaris lighthouse is replaced every 18 months.");
    expect(text).toContain("memo.md");
  });
});
