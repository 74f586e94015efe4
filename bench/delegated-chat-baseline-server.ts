// The baseline of bench/delegated-chat.bench.ts, in a process of its own as the app is: the raw AI SDK
// subagents pattern (node_modules/ai/docs/03-agents/06-subagents.mdx) behind node:http. A ToolLoopAgent
// manager whose one tool streams a ToolLoopAgent sub-agent as preliminary results (readUIMessageStream
// over toUIMessageStream) with toModelOutput = its last text, served by pipeAgentUIStreamToResponse.
// Models: @ai-sdk/openai `.chat()` on the scripted OpenAI server; the search tool returns a fixed
// output (the one the app's real search returned). Prints `listening <port>` once it listens;
// `GET /model-calls` answers the durations of the model calls since the last ask.
// Plain Node runs it (type stripping): it imports only packages, never the app's `@/` modules.
import { createServer } from "node:http";
import { createOpenAI } from "@ai-sdk/openai";
import {
  isStepCount,
  pipeAgentUIStreamToResponse,
  readUIMessageStream,
  ToolLoopAgent,
  tool,
  toUIMessageStream,
} from "ai";
import { z } from "zod";

/** What the benchmark passes in DELEGATED_CHAT_BASELINE (JSON). */
export interface BaselineConfig {
  openAIBaseURL: string;
  chatModel: string;
  maxSteps: number;
  managerInstructions: string;
  retrieverInstructions: string;
  retrieverDescription: string;
  searchDescription: string;
  searchOutput: unknown;
}

const config = JSON.parse(process.env.DELEGATED_CHAT_BASELINE ?? "{}") as BaselineConfig;
/** Milliseconds of each model call since the last `GET /model-calls`, from request to the body's end. */
let modelCallMs: number[] = [];

/** The global fetch, timing each model call as the app's `chat` spans do (until its stream is read). */
const timedFetch: typeof fetch = async (input, init) => {
  const started = performance.now();
  const response = await fetch(input, init);
  if (!response.body) return response;
  const timed = response.body.pipeThrough(
    new TransformStream({ flush: () => void modelCallMs.push(performance.now() - started) }),
  );
  return new Response(timed, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};

const openai = createOpenAI({ baseURL: config.openAIBaseURL, apiKey: "test-key", fetch: timedFetch });

const searchKnowledgeBase = tool({
  description: config.searchDescription,
  inputSchema: z.object({
    query: z.string().min(1).describe("What to look for."),
    k: z.number().int().min(1).max(20).optional().describe("How many passages to return."),
    documents: z.array(z.string()).optional().describe("Only search these documents."),
  }),
  execute: async () => config.searchOutput,
});

const retriever = new ToolLoopAgent({
  model: openai.chat(config.chatModel),
  instructions: config.retrieverInstructions,
  tools: { search_knowledge_base: searchKnowledgeBase },
  stopWhen: isStepCount(config.maxSteps),
});

const retrieverTool = tool({
  description: config.retrieverDescription,
  inputSchema: z.object({ task: z.string().min(1).describe("The complete, self-contained task.") }),
  execute: async function* ({ task }, { abortSignal }) {
    const result = await retriever.stream({ prompt: task, abortSignal });
    for await (const message of readUIMessageStream({
      stream: toUIMessageStream({ stream: result.stream }),
    })) {
      yield message;
    }
  },
  toModelOutput: ({ output: message }) => {
    const lastText = message?.parts.findLast((part) => part.type === "text");
    return { type: "text", value: lastText?.type === "text" ? lastText.text : "Task completed." };
  },
});

const manager = new ToolLoopAgent({
  model: openai.chat(config.chatModel),
  instructions: config.managerInstructions,
  tools: { retriever_agent: retrieverTool },
  stopWhen: isStepCount(config.maxSteps),
});

const server = createServer(async (request, response) => {
  if (request.method === "GET" && request.url === "/model-calls") {
    response.end(JSON.stringify(modelCallMs));
    modelCallMs = [];
    return;
  }
  try {
    const chunks: Buffer[] = [];
    for await (const piece of request) chunks.push(piece as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { messages: unknown[] };
    await pipeAgentUIStreamToResponse({ response, agent: manager, uiMessages: body.messages });
  } catch (error) {
    if (!response.headersSent) response.writeHead(500);
    response.end(String(error));
  }
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : 0}`);
});

// Stops by itself if the benchmark dies without stopping it.
setTimeout(() => process.exit(0), 10 * 60 * 1000).unref();
