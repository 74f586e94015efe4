import { type APIRequestContext, expect } from "@playwright/test";

/** One finished run through `POST /api/chat`: the whole UI message stream as text. */
export interface ChatApiRun {
  traceId: string;
  stream: string;
  milliseconds: number;
}

/** The chat as an API client uses it: the same body `useChat` sends, the SSE answer read to its end. */
export class ChatApi {
  constructor(readonly request: APIRequestContext) {}

  async ask(text: string): Promise<ChatApiRun> {
    const started = Date.now();
    const response = await this.request.post("/api/chat", {
      data: {
        id: `api-${crypto.randomUUID()}`,
        trigger: "submit-message",
        messages: [{ id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] }],
      },
      timeout: 45_000,
    });
    expect(response.status()).toBe(200);
    const stream = await response.text();
    return { traceId: response.headers()["x-trace-id"], stream, milliseconds: Date.now() - started };
  }
}

/** What `search_knowledge_base` returned to the retriever agent in one call. */
export interface KnowledgeSearchOutput {
  passages: Array<{ documentName: string; text: string }>;
  notice?: string;
}

interface StreamedToolPart {
  type: string;
  toolCallId: string;
  state: string;
  output?: unknown;
}

/**
 * The knowledge-base searches of a run, read from its stream: the output of `retriever_agent` is
 * the sub-agent's whole message, whose `tool-search_knowledge_base` parts carry the search results.
 */
export function knowledgeSearchesOf(run: ChatApiRun): KnowledgeSearchOutput[] {
  const searches = new Map<string, KnowledgeSearchOutput>();
  for (const line of run.stream.split("\n")) {
    if (!line.startsWith("data: {")) continue;
    const chunk = JSON.parse(line.slice("data: ".length)) as { type: string; output?: { parts?: unknown } };
    if (chunk.type !== "tool-output-available" || !Array.isArray(chunk.output?.parts)) continue;
    for (const part of chunk.output.parts as StreamedToolPart[]) {
      if (part.type === "tool-search_knowledge_base" && part.state === "output-available")
        searches.set(part.toolCallId, part.output as KnowledgeSearchOutput);
    }
  }
  return [...searches.values()];
}
