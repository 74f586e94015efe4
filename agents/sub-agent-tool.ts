import {
  type ModelMessage,
  readUIMessageStream,
  type TextStreamPart,
  type Tool,
  type ToolSet,
  tool,
  toUIMessageStream,
  type UIMessage,
  type UIMessageChunk,
} from "ai";
import { z } from "zod";
import { attachmentContextMessage } from "@/lib/attachments/attachment-messages";
import { describeError } from "@/lib/errors";
import { isOffline } from "@/lib/models/provider";
import type { AgentRunContext } from "./agent-context";
import { createChunkBatcher } from "./progress-batcher";
import { writeSourcesFromSubAgent } from "./sub-agent-sources";

/** What the sub-agent tool needs of an agent: a streamed run for one task. */
export interface StreamingAgent {
  stream(options: {
    prompt: string | ModelMessage[];
    abortSignal?: AbortSignal;
  }): PromiseLike<{ stream: ReadableStream<TextStreamPart<ToolSet>> }>;
}

/** A specialised agent the manager can delegate to, registered in `agents/registry.ts`. */
export interface SubAgentDefinition {
  /** The tool name the manager calls it by, e.g. `web_agent`. */
  toolName: string;
  /** What the UI calls it, e.g. "Web agent". */
  title: string;
  /** Tells the manager's model when to delegate to it. */
  description: string;
  createAgent(context: AgentRunContext, task: string): StreamingAgent;
}

const taskSchema = z.object({
  task: z
    .string()
    .min(1)
    .describe("The complete, self-contained task for this agent, in the user's words and language."),
});

/** The sub-agent's final answer, which is all the manager's model sees of its work. */
export function summarizeSubAgentMessage(message: UIMessage | undefined): string {
  const finalText = message?.parts.findLast((part) => part.type === "text");
  return finalText?.type === "text" && finalText.text.trim()
    ? finalText.text
    : "The agent finished without an answer.";
}

/**
 * The sub-agent's prompt: its task, after a message with the conversation's attachments when there
 * are any, so a delegated agent works with the same files the manager saw.
 */
export function subAgentPrompt(task: string, context: AgentRunContext): string | ModelMessage[] {
  const attachments = context.attachments;
  if (!attachments || attachments.isEmpty) return task;
  return [
    attachmentContextMessage(attachments.all, { includeImages: !isOffline() }),
    { role: "user", content: task },
  ];
}

/**
 * Wraps a sub-agent as a manager tool. Its progress streams to the UI as append-only batches of its
 * own UI message chunks (transient `data-agent-progress` parts keyed by the tool call), which the
 * browser replays into the lane: bytes grow with the answer, not with its square. The tool's one
 * output is the sub-agent's whole message, with its [n] renumbered for the whole answer and its
 * sources written under it; the manager's model sees only its final answer. A sub-agent called
 * after the run's steps or tokens are spent is refused with the budget's message.
 */
export function createSubAgentTool(
  definition: SubAgentDefinition,
  context: AgentRunContext,
): Tool<z.infer<typeof taskSchema>, UIMessage> {
  return tool({
    description: definition.description,
    inputSchema: taskSchema,
    async execute({ task }, { abortSignal, toolCallId }): Promise<UIMessage> {
      // A sub-agent needs at least one step: none starts once the run's steps or tokens are spent.
      context.budget.assertAvailable("steps");
      context.budget.assertAvailable("tokens");
      const agent = definition.createAgent(context, task);
      const result = await agent.stream({ prompt: subAgentPrompt(task, context), abortSignal });
      const progress = createChunkBatcher((chunks) =>
        context.writer.write({ type: "data-agent-progress", data: { toolCallId, chunks }, transient: true }),
      );
      let streamError: unknown;
      let lastMessage: UIMessage | undefined;
      const chunks = toUIMessageStream({ stream: result.stream, onError: describeError }).pipeThrough(
        new TransformStream<UIMessageChunk, UIMessageChunk>({
          transform(chunk, controller) {
            progress.add(chunk);
            controller.enqueue(chunk);
          },
        }),
      );
      const messages = readUIMessageStream<UIMessage>({
        stream: chunks,
        onError: (error) => {
          streamError = error;
        },
      });
      for await (const message of messages) lastMessage = message;
      progress.flush();
      if (streamError) throw streamError;
      if (!lastMessage) return { id: toolCallId, role: "assistant", parts: [] };
      // The output, which the manager's model sees, cites with the answer's own numbers.
      return writeSourcesFromSubAgent(context.writer, lastMessage, context.citationNumbering);
    },
    toModelOutput: ({ output }) => ({ type: "text", value: summarizeSubAgentMessage(output) }),
  });
}
