import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4ToolResultOutput,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { type PlannerDecision, planNextStep, type ToolExchange } from "./offline/planner";
import type { ModelRole } from "./provider";

/** Reads the task and this run's earlier tool calls and results out of a prompt. */
export function readPrompt(prompt: LanguageModelV4Prompt): { task: string; exchanges: ToolExchange[] } {
  const lastUserIndex = prompt.findLastIndex((message) => message.role === "user");
  const userMessage = prompt[lastUserIndex];
  const task =
    userMessage?.role === "user"
      ? userMessage.content.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n")
      : "";
  const exchanges: ToolExchange[] = [];
  const byCallId = new Map<string, ToolExchange>();
  for (const message of prompt.slice(lastUserIndex + 1)) {
    if (message.role === "system" || message.role === "user") continue;
    for (const part of message.content) {
      if (part.type === "tool-call") {
        const exchange = {
          toolName: part.toolName,
          input: asRecord(part.input),
          output: undefined,
          isError: false,
        };
        byCallId.set(part.toolCallId, exchange);
        exchanges.push(exchange);
      } else if (part.type === "tool-result") {
        const exchange = byCallId.get(part.toolCallId);
        if (exchange) Object.assign(exchange, readToolOutput(part.output));
      }
    }
  }
  return { task, exchanges };
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value === "string") {
    try {
      return JSON.parse(value) as Record<string, unknown>;
    } catch {
      return { value };
    }
  }
  return (value ?? {}) as Record<string, unknown>;
}

function readToolOutput(output: LanguageModelV4ToolResultOutput): { output: unknown; isError: boolean } {
  switch (output.type) {
    case "json":
    case "text":
      return { output: output.value, isError: false };
    case "error-json":
    case "error-text":
      return { output: output.value, isError: true };
    case "execution-denied":
      return { output: output.reason ?? "the call was denied", isError: true };
    case "content":
      return {
        output: output.value.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n"),
        isError: false,
      };
    default:
      return { output: "", isError: false };
  }
}

function estimateUsage(options: LanguageModelV4CallOptions, outputText: string): LanguageModelV4Usage {
  const inputTokens = Math.ceil(JSON.stringify(options.prompt).length / 4);
  const outputTokens = Math.ceil(outputText.length / 4);
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: undefined },
  };
}

function decide(options: LanguageModelV4CallOptions): PlannerDecision {
  options.abortSignal?.throwIfAborted();
  const { task, exchanges } = readPrompt(options.prompt);
  const toolNames = (options.tools ?? []).map((tool) => tool.name);
  if (options.toolChoice?.type === "none") toolNames.length = 0;
  return planNextStep({ task, toolNames, exchanges });
}

function toContent(decision: PlannerDecision, callIdPrefix: string): LanguageModelV4Content[] {
  if (decision.kind === "text") return [{ type: "text", text: decision.text }];
  return decision.calls.map((call, index) => ({
    type: "tool-call",
    toolCallId: `${callIdPrefix}-${index}`,
    toolName: call.toolName,
    input: JSON.stringify(call.input),
  }));
}

function toStreamParts(decision: PlannerDecision, callIdPrefix: string): LanguageModelV4StreamPart[] {
  if (decision.kind === "tool-calls") {
    return toContent(decision, callIdPrefix).flatMap((call) =>
      call.type === "tool-call"
        ? [
            { type: "tool-input-start", id: call.toolCallId, toolName: call.toolName },
            { type: "tool-input-delta", id: call.toolCallId, delta: call.input },
            { type: "tool-input-end", id: call.toolCallId },
            call,
          ]
        : [],
    );
  }
  const words = decision.text.match(/\S+\s*|\s+/g) ?? [];
  return [
    { type: "text-start", id: "text-0" },
    ...words.map((delta): LanguageModelV4StreamPart => ({ type: "text-delta", id: "text-0", delta })),
    { type: "text-end", id: "text-0" },
  ];
}

let callCounter = 0;

/**
 * The offline chat model: a deterministic planner behind the AI SDK's language model interface.
 * It picks tools from the request, and once tools have answered it writes an extractive answer
 * with citations from what they returned.
 */
export function createOfflineChatModel(role: ModelRole): LanguageModelV4 {
  const modelId = `offline-planner-${role}`;
  return {
    specificationVersion: "v4",
    provider: "offline",
    modelId,
    supportedUrls: {},
    async doGenerate(options): Promise<LanguageModelV4GenerateResult> {
      const decision = decide(options);
      const content = toContent(decision, `call-${role}-${++callCounter}`);
      const text = decision.kind === "text" ? decision.text : JSON.stringify(content);
      return {
        content,
        finishReason: { unified: decision.kind === "text" ? "stop" : "tool-calls", raw: undefined },
        usage: estimateUsage(options, text),
        warnings: [],
        response: { modelId, timestamp: new Date() },
      };
    },
    async doStream(options): Promise<LanguageModelV4StreamResult> {
      const decision = decide(options);
      const parts = toStreamParts(decision, `call-${role}-${++callCounter}`);
      const text = decision.kind === "text" ? decision.text : JSON.stringify(parts);
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          controller.enqueue({ type: "stream-start", warnings: [] });
          controller.enqueue({ type: "response-metadata", modelId, timestamp: new Date() });
          for (const part of parts) controller.enqueue(part);
          controller.enqueue({
            type: "finish",
            usage: estimateUsage(options, text),
            finishReason: { unified: decision.kind === "text" ? "stop" : "tool-calls", raw: undefined },
          });
          controller.close();
        },
      });
      return { stream };
    },
  };
}
