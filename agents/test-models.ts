import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/** A turn of a scripted model: text (in one delta, or word by word as real models stream) or tool calls. */
export type ScriptedTurn =
  | { text: string; wordByWord?: boolean }
  | { toolCalls: Array<{ toolName: string; input: unknown }> };

/** A mock model that plays the given turns in order, one per model call, for agent tests. */
export function createTurnModel(turns: ScriptedTurn[]) {
  let turnIndex = 0;
  return new MockLanguageModelV4({
    doStream: async () => {
      const turn = turns[Math.min(turnIndex++, turns.length - 1)];
      const parts: LanguageModelV4StreamPart[] =
        "text" in turn
          ? [
              { type: "text-start", id: "t" },
              ...(turn.wordByWord ? turn.text.split(/(?<= )/) : [turn.text]).map(
                (delta): LanguageModelV4StreamPart => ({ type: "text-delta", id: "t", delta }),
              ),
              { type: "text-end", id: "t" },
            ]
          : turn.toolCalls.map((call, index) => ({
              type: "tool-call",
              toolCallId: `call-${turnIndex}-${index}`,
              toolName: call.toolName,
              input: JSON.stringify(call.input),
            }));
      const finishReason = "text" in turn ? ("stop" as const) : ("tool-calls" as const);
      return {
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.enqueue({
              type: "finish",
              usage,
              finishReason: { unified: finishReason, raw: undefined },
            });
            controller.close();
          },
        }),
      };
    },
  });
}
