import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";

const usage = {
  inputTokens: { total: 50, noCache: 50, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 20, text: 20, reasoning: undefined },
};

/**
 * A model that answers like a fast real server: a fixed delay before the first chunk, then either
 * a call of the first offered tool (when no tool has answered yet) or a 40-word answer.
 */
export function createScriptedModel(firstChunkDelayMs: number) {
  let calls = 0;
  return new MockLanguageModelV4({
    doStream: async ({ prompt, tools }) => {
      const hasToolResult = prompt.some((message) => message.role === "tool");
      const tool = tools?.[0];
      const parts: LanguageModelV4StreamPart[] =
        !hasToolResult && tool
          ? [
              {
                type: "tool-call",
                toolCallId: `call-${++calls}`,
                toolName: tool.name,
                input: JSON.stringify({ task: "find the fact", query: "fact" }),
              },
            ]
          : [
              { type: "text-start", id: "t" },
              ...Array.from(
                { length: 40 },
                (_, index): LanguageModelV4StreamPart => ({
                  type: "text-delta",
                  id: "t",
                  delta: `word${index} `,
                }),
              ),
              { type: "text-end", id: "t" },
            ];
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async start(controller) {
          await new Promise((resolve) => setTimeout(resolve, firstChunkDelayMs));
          controller.enqueue({ type: "stream-start", warnings: [] });
          for (const part of parts) controller.enqueue(part);
          controller.enqueue({
            type: "finish",
            usage,
            finishReason: { unified: hasToolResult || !tool ? "stop" : "tool-calls", raw: undefined },
          });
          controller.close();
        },
      });
      return { stream };
    },
  });
}
