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
