import {
  isStepCount,
  readUIMessageStream,
  streamText,
  ToolLoopAgent,
  tool,
  toUIMessageStream,
  type UIMessage,
  type UIMessageChunk,
} from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { AgentRunContext } from "./agent-context";
import { CitationNumbering } from "./sub-agent-sources";
import { createSubAgentTool, type SubAgentDefinition } from "./sub-agent-tool";
import { createTestBudget } from "./test-budget";
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
    budget: createTestBudget(),
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

interface ProgressPart {
  type: "data-agent-progress";
  transient?: boolean;
  data: { toolCallId: string; chunks: UIMessageChunk[] };
}

function progressOf(written: unknown[]): ProgressPart[] {
  return written.filter(
    (part): part is ProgressPart => (part as ProgressPart).type === "data-agent-progress",
  );
}

async function replay(chunks: UIMessageChunk[]): Promise<UIMessage | undefined> {
  let last: UIMessage | undefined;
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  for await (const message of readUIMessageStream<UIMessage>({ stream })) last = message;
  return last;
}

describe("sub-agent tool", () => {
  it("sends a long answer's progress in bytes linear in its length, in few batches", async () => {
    const written: unknown[] = [];
    const answer = Array.from({ length: 3000 }, (_, index) => `word${index}`).join(" ");
    const { chunks } = await runManager(createRetriever([{ text: answer, wordByWord: true }]), written);
    const progress = progressOf(written);
    const progressBytes = JSON.stringify(progress).length;
    expect(progressBytes).toBeLessThan(answer.length * 1.5);
    expect(progress.length).toBeLessThan(100);
    const outputBytes = JSON.stringify(
      chunks.filter((chunk) => chunk.type === "tool-output-available"),
    ).length;
    expect(outputBytes).toBeLessThan(answer.length * 1.5);
    expect((await replay(progress.flatMap((part) => part.data.chunks)))?.parts.at(-1)).toMatchObject({
      type: "text",
      text: answer,
    });
  });

  it("streams the sub-agent's steps as progress the browser can replay, and gives the manager only its answer", async () => {
    const written: unknown[] = [];
    const { chunks, managerModel } = await runManager(
      createRetriever([
        { toolCalls: [{ toolName: "search_knowledge_base", input: { query: "widget weight" } }] },
        { text: "Widgets weigh 4.2 kg [1]. Sources: [1] handbook.md, page 2" },
      ]),
      written,
    );
    // One output, the whole message, once: no snapshots of it on the way.
    const outputs = chunks.filter((chunk) => chunk.type === "tool-output-available");
    expect(outputs).toHaveLength(1);
    const final = outputs[0] as { output: UIMessage; preliminary?: boolean };
    expect(final.preliminary).toBeFalsy();
    expect(final.output.parts.map((part) => part.type)).toEqual(
      expect.arrayContaining(["tool-search_knowledge_base", "text"]),
    );
    // The progress, replayed as the browser does, is the same message.
    const progress = progressOf(written);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((part) => part.transient && part.data.toolCallId === "call-1-0")).toBe(true);
    const replayed = await replay(progress.flatMap((part) => part.data.chunks));
    expect(replayed?.parts).toEqual(final.output.parts);

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
    const references = written
      .filter((part) => (part as { type: string }).type === "source-document")
      .map(
        (part) => (part as { providerMetadata: { knowledgeBase: { reference: number } } }).providerMetadata,
      );
    expect(references.map((metadata) => metadata.knowledgeBase.reference).sort()).toEqual([1, 2]);
    // What the UI keeps of each sub-agent (its final output) cites with the same numbers.
    const finalTexts = chunks
      .filter((chunk) => chunk.type === "tool-output-available")
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
