import { createServer, type Server } from "node:http";
import { hashedWordEmbedding } from "./hashed-word-embedding";

/** A local OpenAI-compatible `/v1/embeddings` endpoint for tests that need a real provider path. */
export interface TestEmbeddingServer {
  baseUrl: string;
  /** Requests received so far. */
  requests: number;
  /** Each request waits this long before answering (to observe progress, or cancel). */
  delayMs: number;
  /** While set, requests fail with this HTTP status. */
  failWith: number | undefined;
  dimensions: number;
  close(): Promise<void>;
}

/** Starts the server on a free loopback port. */
export async function startTestEmbeddingServer(dimensions: number): Promise<TestEmbeddingServer> {
  const state: Omit<TestEmbeddingServer, "baseUrl" | "close"> = {
    requests: 0,
    delayMs: 0,
    failWith: undefined,
    dimensions,
  };
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    state.requests++;
    if (state.delayMs) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
    if (state.failWith) {
      response.writeHead(state.failWith, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ error: { message: "scripted embedding failure", type: "server_error" } }),
      );
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { input: string | string[] };
    const input = Array.isArray(body.input) ? body.input : [body.input];
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        object: "list",
        data: input.map((text, index) => ({
          object: "embedding",
          index,
          embedding: hashedWordEmbedding(text, state.dimensions),
        })),
        model: "test-embedding",
        usage: { prompt_tokens: input.length, total_tokens: input.length },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return Object.assign(state, {
    baseUrl: `http://127.0.0.1:${address.port}/v1`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  });
}
