// A scripted OpenAI-compatible server for end-to-end tests: Chat Completions (streaming, tool
// calls), embeddings and image generation, with faults on demand. It follows a fixed script keyed
// on the tools each request offers, so the app's real provider path is exercised end to end.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { deflateSync } from "node:zlib";
// With its extension: Node runs this server as-is, without a bundler to resolve the path.
import { hashedWordEmbedding } from "../../lib/kb/hashed-word-embedding.ts";

interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content?: unknown; tool_calls?: unknown[] }>;
  tools?: Array<{ function: { name: string } }>;
}

type Reply = { text: string } | { calls: Array<{ name: string; args: Record<string, unknown> }> };

const port = Number(process.argv[process.argv.indexOf("--port") + 1]);
const requestLog: Array<{ path: string; agent?: string; imageParts?: number }> = [];
const rateLimited = new Set<string>();

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (part as { text?: string }).text ?? "").join("");
  return "";
}

function conversationState(request: ChatRequest) {
  const lastUser = request.messages.findLastIndex((message) => message.role === "user");
  const task = textOf(request.messages[lastUser]?.content);
  const toolResults = request.messages.slice(lastUser + 1).filter((message) => message.role === "tool");
  return { task, toolResults: toolResults.map((message) => textOf(message.content)) };
}

function managerReply(task: string, results: string[]): Reply {
  if (results.length > 0) return { text: `Manager summary:\n\n${results.join("\n\n")}` };
  const calls: Array<{ name: string; args: Record<string, unknown> }> = [];
  const expression = task.match(/compute ([\d\s+*/().-]+)/i)?.[1]?.trim();
  if (expression)
    calls.push({ name: "code_interpreter", args: { code: `console.log("computing");\n${expression}` } });
  if (/\b(draw|image|picture)\b/i.test(task)) calls.push({ name: "image_agent", args: { task } });
  if (/\b(web|online|internet)\b/i.test(task)) calls.push({ name: "web_agent", args: { task } });
  if (calls.length === 0 || /\bdocuments?\b/i.test(task))
    calls.push({ name: "retriever_agent", args: { task } });
  return { calls };
}

function retrieverReply(task: string, results: string[]): Reply {
  if (results.length === 0)
    return { calls: [{ name: "search_knowledge_base", args: { query: task, k: 3 } }] };
  const passages = (JSON.parse(results[0]) as { passages: Array<{ text: string; documentName: string }> })
    .passages;
  if (passages.length === 0) return { text: "The documents say nothing about that." };
  return {
    text: `The documents say: "${passages[0].text.slice(0, 300)}" [1]\n\nSources: [1] ${passages[0].documentName}`,
  };
}

/** A tool result as JSON, or undefined when the tool failed and returned its error text. */
function parseResult<T>(result: string): T | undefined {
  try {
    return JSON.parse(result) as T;
  } catch {
    return undefined;
  }
}

function webReply(task: string, results: string[]): Reply {
  if (results.length === 0) return { calls: [{ name: "web_search", args: { query: task } }] };
  if (results.length === 1) {
    const found = parseResult<{ results: Array<{ url: string }> }>(results[0]);
    if (!found?.results.length) return { text: `The web search failed: ${results[0]}` };
    return { calls: [{ name: "visit_webpage", args: { url: found.results[0].url } }] };
  }
  const page = parseResult<{ url: string; content: string }>(results[1]);
  if (!page) return { text: `The page could not be read: ${results[1]}` };
  return { text: `The page ${page.url} says: ${page.content.slice(0, 400)}` };
}

function imageReply(task: string, results: string[]): Reply {
  if (results.length === 0)
    return { calls: [{ name: "generate_image", args: { prompt: `Refined: ${task}` } }] };
  if (!results[0].includes('"url"')) return { text: `The image could not be generated: ${results[0]}` };
  return { text: "Here is your image." };
}

function scriptedReply(request: ChatRequest): { agent: string; reply: Reply } {
  const tools = new Set((request.tools ?? []).map((tool) => tool.function.name));
  const { task, toolResults } = conversationState(request);
  if (tools.has("search_knowledge_base"))
    return { agent: "retriever", reply: retrieverReply(task, toolResults) };
  if (tools.has("web_search")) return { agent: "web", reply: webReply(task, toolResults) };
  if (tools.has("generate_image")) return { agent: "image", reply: imageReply(task, toolResults) };
  return { agent: "manager", reply: managerReply(task, toolResults) };
}

function chunk(delta: Record<string, unknown>, finishReason: string | null = null): string {
  const body = {
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 0,
    model: "scripted",
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}

function streamReply(response: ServerResponse, reply: Reply, cut: boolean) {
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  response.write(chunk({ role: "assistant", content: "" }));
  if ("text" in reply) {
    const words = reply.text.match(/\S+\s*/g) ?? [];
    for (const [index, word] of words.entries()) {
      response.write(chunk({ content: word }));
      if (cut && index === 2) {
        response.socket?.destroy();
        return;
      }
    }
  } else {
    reply.calls.forEach((call, index) => {
      response.write(
        chunk({
          tool_calls: [
            {
              index,
              id: `call_${Date.now()}_${index}`,
              type: "function",
              function: { name: call.name, arguments: "" },
            },
          ],
        }),
      );
      response.write(chunk({ tool_calls: [{ index, function: { arguments: JSON.stringify(call.args) } }] }));
    });
  }
  response.write(chunk({}, "text" in reply ? "stop" : "tool_calls"));
  response.write(
    `data: ${JSON.stringify({ id: "chatcmpl-1", object: "chat.completion.chunk", created: 0, model: "scripted", choices: [], usage: { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 } })}\n\n`,
  );
  response.end("data: [DONE]\n\n");
}

// Attached images reach a vision model as image_url parts of a user message.
function countImageParts(request: ChatRequest): number {
  return request.messages
    .flatMap((message) => (Array.isArray(message.content) ? message.content : []))
    .filter((part) => (part as { type?: string }).type === "image_url").length;
}

function handleChat(request: ChatRequest, response: ServerResponse) {
  const { agent, reply } = scriptedReply(request);
  requestLog.push({ path: "/v1/chat/completions", agent, imageParts: countImageParts(request) });
  const task = conversationState(request).task;
  if (task.includes("[fault:500]")) {
    response.writeHead(500, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: { message: "scripted internal error", type: "server_error" } }));
    return;
  }
  if (task.includes("[fault:429]") && !rateLimited.has(task)) {
    rateLimited.add(task);
    response.writeHead(429, { "content-type": "application/json", "retry-after-ms": "50" });
    response.end(JSON.stringify({ error: { message: "slow down", type: "rate_limit" } }));
    return;
  }
  streamReply(response, reply, task.includes("[fault:cut]") && agent === "manager" && "text" in reply);
}

// The embedding model id picks the behaviour: `…-96d` returns 96 dimensions (default 64), so a test
// can switch to a model with other vectors; `…-slow…` answers after a pause, so an ingestion is
// still running when a test stops the app. Under `/dimensions-N/v1` every model returns N
// dimensions: a server that swapped the model behind a name.
function embeddingBehaviour(
  model: string,
  swappedDimensions?: string,
): { dimensions: number; delayMs: number } {
  const dimensions = Number(swappedDimensions ?? model.match(/-(\d+)d$/)?.[1] ?? 64);
  return { dimensions, delayMs: /-slow\b/.test(model) ? 1500 : 0 };
}

function tinyPng(): string {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const part = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const pixels = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 0]);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    part("IHDR", header),
    part("IDAT", deflateSync(pixels)),
    part("IEND", Buffer.alloc(0)),
  ]).toString("base64");
}

// Faults of the image server on demand: a content-policy refusal and a model the server lacks.
function imageFaultFor(prompt: string): { status: number; error: Record<string, string> } | undefined {
  if (prompt.includes("[fault:image-policy]")) {
    return {
      status: 400,
      error: {
        code: "content_policy_violation",
        type: "image_generation_user_error",
        message: "Your request was rejected as a result of our safety system.",
      },
    };
  }
  if (prompt.includes("[fault:image-missing]")) {
    return {
      status: 404,
      error: { code: "model_not_found", type: "invalid_request_error", message: "The model does not exist." },
    };
  }
  return undefined;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const piece of request) chunks.push(piece as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

const server = createServer(async (request, response) => {
  const [, swappedDimensions, path] =
    new URL(request.url ?? "/", "http://localhost").pathname.match(/^(?:\/dimensions-(\d+))?(\/.*)$/) ?? [];
  if (path === "/health") return void response.end("ok");
  if (path === "/__requests") return void response.end(JSON.stringify(requestLog));
  const body = (await readJson(request)) as Record<string, unknown>;
  if (path === "/v1/chat/completions") return handleChat(body as unknown as ChatRequest, response);
  if (path === "/v1/embeddings") {
    requestLog.push({ path });
    const model = String(body.model ?? "scripted-embedding");
    const { dimensions, delayMs } = embeddingBehaviour(model, swappedDimensions);
    const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        object: "list",
        data: input.map((text, index) => ({
          object: "embedding",
          index,
          embedding: hashedWordEmbedding(text, dimensions),
        })),
        model,
        usage: { prompt_tokens: 1, total_tokens: 1 },
      }),
    );
    return;
  }
  if (path === "/v1/images/generations") {
    requestLog.push({ path });
    const imageFault = imageFaultFor(String(body.prompt ?? ""));
    if (imageFault) {
      response.writeHead(imageFault.status, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: imageFault.error }));
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ created: 0, data: [{ b64_json: tinyPng() }] }));
    return;
  }
  response.writeHead(404).end();
});

server.listen(port, "127.0.0.1");

// Fixture servers stop by themselves even if the test runner dies without stopping them.
setTimeout(() => process.exit(0), 30 * 60 * 1000).unref();
