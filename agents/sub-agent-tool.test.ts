import { isStepCount, streamText, ToolLoopAgent, tool, toUIMessageStream, type UIMessageChunk } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { AgentRunContext } from "./agent-context";
import { CitationNumbering } from "./sub-agent-sources";
import { createSubAgentTool, type SubAgentDefinition } from "./sub-agent-tool";
import { createTurnModel } from "./test-models";

const searchKnowledgeBase = tool({
  description: "Searches documents.",
  inputSchema: z.object({ query: z.string().describe("query") }),
  execute: async () => ({
    passages: [
      {
        documentId: "doc-1",
        documentName: "handbook.md",
        page: 2,
        chunkIndex: 0,
        text: "Widgets weigh 4.2 kg.",
      },
    ],
  }),
});

function createRetriever(subAgentTurns: Parameters<typeof createTurnModel>[0]): SubAgentDefinition {
  return {
    toolName: "retriever_agent",
    title: "Retriever agent",
    description: "Answers from documents.",
    createAgent: () =>
      new ToolLoopAgent({
        model: createTurnModel(subAgentTurns),
        tools: { search_knowledge_base: searchKnowledgeBase },
        stopWhen: isStepCount(4),
      }),
  };
}

function createContext(written: unknown[]): AgentRunContext {
  return {
    chatId: "chat-1",
    traceId: "trace-1",
    disabledAgents: new Set(),
    visitedPages: new Map(),
    citationNumbering: new CitationNumbering(),
    writer: { write: (part) => written.push(part), merge: () => {}, onError: undefined },
  };
}

async function runManager(
  definition: SubAgentDefinition,
  written: unknown[],
  tasks = ["How heavy are widgets?"],
) {
  const managerModel = createTurnModel([
    { toolCalls: tasks.map((task) => ({ toolName: "retriever_agent", input: { task } })) },
    { text: "Widgets weigh 4.2 kg [1]." },
  ]);
  const result = streamText({
    model: managerModel,
    prompt: "How heavy are widgets?",
    tools: { retriever_agent: createSubAgentTool(definition, createContext(written)) },
    stopWhen: isStepCount(4),
  });
  const chunks: UIMessageChunk[] = [];
  const reader = toUIMessageStream({ stream: result.stream }).getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  return { chunks, managerModel };
}

describe("sub-agent tool", () => {
  it("streams the sub-agent's steps as preliminary results and gives the manager only its answer", async () => {
    const written: unknown[] = [];
    const { chunks, managerModel } = await runManager(
      createRetriever([
        { toolCalls: [{ toolName: "search_knowledge_base", input: { query: "widget weight" } }] },
        { text: "Widgets weigh 4.2 kg [1]. Sources: [1] handbook.md, page 2" },
      ]),
      written,
    );
    const outputs = chunks.filter((chunk) => chunk.type === "tool-output-available");
    expect(outputs.filter((chunk) => chunk.preliminary).length).toBeGreaterThan(1);
    const final = outputs.at(-1) as { output: { parts: Array<{ type: string }> }; preliminary?: boolean };
    expect(final.preliminary).toBeFalsy();
    expect(final.output.parts.map((part) => part.type)).toEqual(
      expect.arrayContaining(["tool-search_knowledge_base", "text"]),
    );

    const secondManagerPrompt = JSON.stringify(managerModel.doStreamCalls[1].prompt);
    expect(secondManagerPrompt).toContain("Widgets weigh 4.2 kg [1]. Sources: [1] handbook.md, page 2");
    expect(secondManagerPrompt).not.toContain("search_knowledge_base");

    expect(written).toContainEqual(
      expect.objectContaining({
        type: "source-document",
        sourceId: "document:doc-1",
        title: "handbook.md, page 2",
      }),
    );
  });

  it("numbers the sources of two sub-agents of one answer apart, in the manager's prompt too", async () => {
    const written: unknown[] = [];
    const { chunks, managerModel } = await runManager(
      createRetriever([
        { toolCalls: [{ toolName: "search_knowledge_base", input: { query: "widget weight" } }] },
        { text: "Widgets weigh 4.2 kg [1]. Sources: [1] handbook.md, page 2" },
      ]),
      written,
      ["How heavy are widgets?", "How heavy are widgets, really?"],
    );
    const secondManagerPrompt = JSON.stringify(managerModel.doStreamCalls[1].prompt);
    expect(secondManagerPrompt).toContain("Widgets weigh 4.2 kg [1]. Sources: [1] handbook.md, page 2");
    expect(secondManagerPrompt).toContain("Widgets weigh 4.2 kg [2]. Sources: [2] handbook.md, page 2");
    const references = written.map(
      (part) => (part as { providerMetadata: { knowledgeBase: { reference: number } } }).providerMetadata,
    );
    expect(references.map((metadata) => metadata.knowledgeBase.reference).sort()).toEqual([1, 2]);
    // What the UI keeps of each sub-agent (its final output) cites with the same numbers.
    const finalTexts = chunks
      .filter((chunk) => chunk.type === "tool-output-available" && !chunk.preliminary)
      .map((chunk) => JSON.stringify((chunk as { output: unknown }).output));
    expect(finalTexts.filter((text) => text.includes("4.2 kg [2]"))).toHaveLength(1);
  });

  it("shows a tool that failed inside the sub-agent, with its error, in the streamed steps", async () => {
    const failing: SubAgentDefinition = {
      ...createRetriever([]),
      createAgent: () =>
        new ToolLoopAgent({
          model: createTurnModel([{ toolCalls: [{ toolName: "search_knowledge_base", input: {} }] }]),
          tools: {
            search_knowledge_base: tool({
              description: "fails",
              inputSchema: z.object({ query: z.string().optional().describe("query") }),
              execute: async (): Promise<{ passages: [] }> => {
                throw new Error("the index is unavailable");
              },
            }),
          },
          stopWhen: isStepCount(1),
        }),
    };
    const { chunks } = await runManager(failing, []);
    const final = chunks.filter((chunk) => chunk.type === "tool-output-available").at(-1) as {
      output: { parts: Array<{ type: string; state?: string; errorText?: string }> };
    };
    expect(final.output.parts).toContainEqual(
      expect.objectContaining({ state: "output-error", errorText: "the index is unavailable" }),
    );
  });
});
