// The app's delegated chat end to end over HTTP against the raw AI SDK subagents pattern over HTTP:
// the same scripted OpenAI-compatible server (manager → retriever_agent → search_knowledge_base →
// answer), the same tool output. Candidate: `next start` on the existing production build (.next),
// with a real knowledge base (one Markdown document uploaded and ingested through /api/documents,
// embeddings from the scripted server), POST /api/chat read to its end. Baseline:
// bench/delegated-chat-baseline-server.ts in a process of its own, whose search tool returns the
// passages the app's search returned. Targets: time ≤ 1.0× the baseline, response bytes ≤ 4× the
// characters the answer shows (manager text + the sub-agent's text and tool outputs).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { managerInstructions } from "@/agents/manager-agent";
import { retrieverAgent, retrieverAgentInstructions } from "@/agents/retriever-agent";
import { searchKnowledgeBaseTool } from "@/agents/tools/search-knowledge-base-tool";
import { PrivateAppServer } from "@/e2e/support/private-app-server";
import type { BaselineConfig } from "./delegated-chat-baseline-server";
import { sizeFromEnvironment } from "./knowledge-bench-support";
import { compareMedians, median } from "./measure";

const loopback = "127.0.0.1";
const root = path.resolve(import.meta.dirname, "..");
const question = "What do the documents say about the lighthouse keeper's budget?";
const chatModel = "scripted-chat";
const maxSteps = 8;

const document = `# Lighthouse operations 2024

## Budget

The lighthouse keeper's budget for 2024 is 48,000 euros: 30,000 for the lamp and lens, 12,000 for
the keeper's cottage and 6,000 for the fog horn. Any spending above 2,000 euros needs the harbour
council's approval.

## Schedule

The lamp is lit from sunset to sunrise. The lens is cleaned every Monday, and the fog horn is tested
on the first day of each month.
`;

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, loopback, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A child process of this benchmark, killed by its own id. */
class Child {
  readonly output: string[] = [];
  private readonly exited: Promise<void>;

  constructor(readonly process: ChildProcess) {
    process.stdout?.on("data", (chunk: Buffer) => this.output.push(chunk.toString("utf8")));
    process.stderr?.on("data", (chunk: Buffer) => this.output.push(chunk.toString("utf8")));
    this.exited = new Promise((resolve) => process.once("exit", () => resolve()));
  }

  /** Waits until the output matches, or fails when the process exits or the time runs out. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = this.output.join("").match(pattern);
      if (match) return match;
      if (this.process.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`The child process did not print ${pattern}:\n${this.output.join("").slice(-4000)}`);
  }

  async kill(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    this.process.kill("SIGKILL");
    await this.exited;
  }
}

async function waitUntilHealthy(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within 20 s.`);
}

/** Uploads the document and waits until its ingestion (chunks embedded by the scripted server) is done. */
async function uploadDocument(appUrl: string): Promise<void> {
  const form = new FormData();
  form.append("file", new Blob([document], { type: "text/markdown" }), "lighthouse.md");
  const response = await fetch(`${appUrl}/api/documents`, { method: "POST", body: form });
  if (response.status !== 201) throw new Error(`Upload failed: ${response.status} ${await response.text()}`);
  const { documents } = (await response.json()) as { documents: Array<{ id: string }> };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { document: stored } = (await (
      await fetch(`${appUrl}/api/documents/${documents[0].id}`)
    ).json()) as {
      document: { status: string; error?: string };
    };
    if (stored.status === "ready") return;
    if (stored.status === "failed") throw new Error(`Ingestion failed: ${JSON.stringify(stored)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("The document was not ready within 30 s.");
}

interface Chunk {
  type: string;
  delta?: string;
  toolName?: string;
  toolCallId?: string;
  preliminary?: boolean;
  output?: { parts?: Array<{ type: string; text?: string; state?: string; output?: unknown }> };
}

interface Answer {
  bytes: number;
  chunks: Chunk[];
  /** Bytes of each chunk's SSE event (`data: …` and its blank line). */
  chunkBytes: number[];
}

/** POSTs the question as `useChat` would and reads the whole answer. */
async function ask(url: string): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id: `bench-${crypto.randomUUID()}`,
      trigger: "submit-message",
      messages: [{ id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: question }] }],
    }),
  });
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  const body = new Uint8Array(await response.arrayBuffer());
  const lines = new TextDecoder()
    .decode(body)
    .split("\n")
    .filter((line) => line.startsWith("data: {"));
  return {
    bytes: body.byteLength,
    chunks: lines.map((line) => JSON.parse(line.slice("data: ".length)) as Chunk),
    chunkBytes: lines.map((line) => Buffer.byteLength(line) + 2),
  };
}

/** The retriever_agent's final (not preliminary) output: the sub-agent's whole message. */
function subAgentMessage(answer: Answer) {
  const callIds = new Set(
    answer.chunks
      .filter((chunk) => chunk.type.startsWith("tool-input") && chunk.toolName === "retriever_agent")
      .map((chunk) => chunk.toolCallId),
  );
  return answer.chunks.findLast(
    (chunk) => chunk.type === "tool-output-available" && callIds.has(chunk.toolCallId) && !chunk.preliminary,
  )?.output;
}

/**
 * What the answer shows, in characters: the manager's text deltas, and the sub-agent's text parts and
 * tool outputs (as JSON) in its final message, once each (the lane's live progress shows the same).
 */
function shownCharacters(answer: Answer): number {
  const managerText = answer.chunks
    .filter((chunk) => chunk.type === "text-delta")
    .reduce((sum, chunk) => sum + (chunk.delta?.length ?? 0), 0);
  let subAgent = 0;
  for (const part of subAgentMessage(answer)?.parts ?? []) {
    if (part.type === "text") subAgent += part.text?.length ?? 0;
    else if (part.type.startsWith("tool-") && part.state === "output-available")
      subAgent += JSON.stringify(part.output).length;
  }
  return managerText + subAgent;
}

function searchOutputOf(answer: Answer): unknown {
  const part = subAgentMessage(answer)?.parts?.find(
    (candidate) => candidate.type === "tool-search_knowledge_base" && candidate.state === "output-available",
  );
  const passages = (part?.output as { passages?: unknown[] } | undefined)?.passages;
  if (!passages?.length)
    throw new Error(
      `The app's answer has no search passages:\n${JSON.stringify(answer.chunks).slice(0, 4000)}`,
    );
  return part?.output;
}

function byteReport(answer: Answer): string {
  const shown = shownCharacters(answer);
  const byType = new Map<string, { count: number; bytes: number }>();
  answer.chunks.forEach((chunk, index) => {
    const entry = byType.get(chunk.type) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += answer.chunkBytes[index];
    byType.set(chunk.type, entry);
  });
  const kinds = [...byType]
    .sort(([, left], [, right]) => right.bytes - left.bytes)
    .slice(0, 4)
    .map(([type, { count, bytes }]) => `${count} ${type} ${bytes} B`)
    .join(", ");
  return `${answer.bytes} B for ${shown} shown characters: ${(answer.bytes / shown).toFixed(2)}× (${answer.chunks.length} chunks; largest: ${kinds})`;
}

interface Span {
  name: string;
  kind: string;
  parentId: string | null;
  startTime: number;
  endTime: number | null;
}

/** Wall-clock milliseconds, comparable with the app's span times (same machine). */
const now = () => performance.timeOrigin + performance.now();

/** One answer read chunk by chunk: when its headers, its `finish` chunk and its end arrived. */
async function askTimed(url: string) {
  const started = now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id: `bench-${crypto.randomUUID()}`,
      trigger: "submit-message",
      messages: [{ id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: question }] }],
    }),
  });
  const headers = now();
  let text = "";
  let finish = Number.NaN;
  const decoder = new TextDecoder();
  for await (const piece of response.body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(piece, { stream: true });
    if (Number.isNaN(finish) && text.includes('"type":"finish"')) finish = now();
  }
  const ended = now();
  return { started, headers, finish, ended, traceId: response.headers.get("x-trace-id") };
}

const durationOf = (span: Span) => (span.endTime ?? span.startTime) - span.startTime;

/**
 * Where the app's time goes, from the client's clock and the run's trace (same machine clock): before
 * the run's root span starts (Next routing, body, run row, question saved), the model calls (`chat`
 * spans: the scripted server, and the app consuming its stream), the real search, the rest of the
 * run, and after the root span ends (trace flush, run log, run row, stream close). The baseline's
 * client-side phases alongside.
 */
async function attribute(appUrl: string, appChat: string, baselineChat: string): Promise<string[]> {
  const tries = 8;
  const app: Record<string, number[]> = {};
  const baseline: Record<string, number[]> = {};
  const add = (into: Record<string, number[]>, name: string, value: number) => {
    into[name] ??= [];
    into[name].push(value);
  };
  for (let index = 0; index < tries; index++) {
    const ours = await askTimed(appChat);
    await fetch(new URL("/model-calls", baselineChat));
    const raw = await askTimed(baselineChat);
    const rawCalls = (await (await fetch(new URL("/model-calls", baselineChat))).json()) as number[];
    add(
      baseline,
      "modelCalls",
      rawCalls.reduce((sum, ms) => sum + ms, 0),
    );
    for (const [into, run] of [
      [app, ours],
      [baseline, raw],
    ] as const) {
      add(into, "headers", run.headers - run.started);
      add(into, "finish", run.finish - run.started);
      add(into, "end", run.ended - run.started);
    }
    // The trace's spans are written in the background: wait until the root span is there.
    let spans: Span[] = [];
    for (
      let attempt = 0;
      attempt < 20 && !spans.some((span) => span.kind === "run" && span.endTime);
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const response = await fetch(`${appUrl}/api/traces/${ours.traceId}`);
      if (response.ok) spans = ((await response.json()) as { spans: Span[] }).spans;
    }
    const root = spans.find((span) => span.kind === "run");
    if (!root?.endTime) continue;
    const total = (kind: string, name?: string) =>
      spans
        .filter((span) => span.kind === kind && (!name || span.name.endsWith(name)))
        .reduce((sum, span) => sum + durationOf(span), 0);
    const chat = total("chat");
    const search = total("execute_tool", "search_knowledge_base");
    add(app, "beforeRun", root.startTime - ours.started);
    add(app, "modelCalls", chat);
    add(app, "search", search);
    add(app, "embeddings", total("embeddings"));
    add(app, "restOfRun", durationOf(root) - chat - search);
    add(app, "afterRun", ours.ended - root.endTime);
  }
  const m = (values: number[] | undefined) => (values?.length ? median(values).toFixed(1) : "n/a");
  return [
    `app phases (median of ${tries}, ms): headers ${m(app.headers)}, finish chunk ${m(app.finish)}, end ${m(app.end)}; ` +
      `before the run's root span ${m(app.beforeRun)}, model calls (chat spans) ${m(app.modelCalls)}, ` +
      `search ${m(app.search)} (embedding calls ${m(app.embeddings)}), rest of the run (agents, sub-agent tool, answer saved) ${m(app.restOfRun)}, ` +
      `after the root span (trace flush, run log, run row) ${m(app.afterRun)}`,
    `baseline phases (median of ${tries}, ms): headers ${m(baseline.headers)}, finish chunk ${m(baseline.finish)}, end ${m(baseline.end)}; ` +
      `model calls (request to end of body) ${m(baseline.modelCalls)}`,
  ];
}

export async function benchmark(): Promise<void> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.log("skipped: no production build (.next/BUILD_ID); run `npx next build` first.");
    return;
  }
  const children: Child[] = [];
  let app: PrivateAppServer | undefined;
  let lean: PrivateAppServer | undefined;
  try {
    const openAIPort = await findFreePort();
    const scripted = new Child(
      spawn(
        process.execPath,
        [path.join(root, "e2e/support/scripted-openai-server.ts"), "--port", String(openAIPort)],
        {
          cwd: root,
          stdio: ["ignore", "pipe", "pipe"],
        },
      ),
    );
    children.push(scripted);
    await waitUntilHealthy(`http://${loopback}:${openAIPort}/health`);
    const openAIBaseURL = `http://${loopback}:${openAIPort}/v1`;

    const appEnvironment = {
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: openAIBaseURL,
      CHAT_MODEL: chatModel,
      EMBEDDING_MODEL: "scripted-embedding",
      IMAGE_MODEL: "scripted-image",
      MAX_AGENT_STEPS: String(maxSteps),
    };
    app = await PrivateAppServer.create();
    await app.start(appEnvironment);
    await uploadDocument(app.url);
    const appChat = `${app.url}/api/chat`;
    const first = await ask(appChat);
    const searchOutput = searchOutputOf(first);

    const config: BaselineConfig = {
      openAIBaseURL,
      chatModel,
      maxSteps,
      managerInstructions,
      retrieverInstructions: retrieverAgentInstructions,
      retrieverDescription: retrieverAgent.description,
      searchDescription:
        typeof searchKnowledgeBaseTool.description === "string" ? searchKnowledgeBaseTool.description : "",
      searchOutput,
    };
    const baselineProcess = new Child(
      spawn(process.execPath, [path.join(root, "bench/delegated-chat-baseline-server.ts")], {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, DELEGATED_CHAT_BASELINE: JSON.stringify(config) },
      }),
    );
    children.push(baselineProcess);
    const [, baselinePort] = await baselineProcess.waitFor(/listening (\d+)/);
    const baselineChat = `http://${loopback}:${baselinePort}/`;
    const baselineFirst = await ask(baselineChat);
    if (!subAgentMessage(baselineFirst))
      throw new Error("The baseline's answer has no retriever_agent output.");

    const rounds = sizeFromEnvironment("DELEGATED_CHAT_ROUNDS", 10);
    const { baselineMs, candidateMs, ratio } = await compareMedians(
      () => ask(baselineChat),
      () => ask(appChat),
      { rounds, iterations: 6, warmup: 5 },
    );
    const phases = await attribute(app.url, appChat, baselineChat);
    const last = await ask(appChat);
    const baselineLast = await ask(baselineChat);
    console.log(
      `app, POST /api/chat (manager → retriever_agent → real search → answer), median ${candidateMs.toFixed(1)} ms`,
    );
    console.log(
      `baseline: raw AI SDK subagents pattern over node:http, same scripted model calls and tool output, median ${baselineMs.toFixed(1)} ms`,
    );
    console.log(`delegated chat ratio: ${ratio.toFixed(2)}× (target ≤ 1.0×)`);
    console.log(`app bytes: ${byteReport(last)} (target ≤ 4×)`);
    console.log(`baseline bytes: ${byteReport(baselineLast)}`);
    for (const line of phases) console.log(line);

    // The tracing's share: the same app with traces that keep no content (TRACE_RECORD_CONTENT=false).
    lean = await PrivateAppServer.create();
    await lean.start({ ...appEnvironment, TRACE_RECORD_CONTENT: "false" });
    await uploadDocument(lean.url);
    const leanChat = `${lean.url}/api/chat`;
    const content = await compareMedians(
      () => ask(leanChat),
      () => ask(appChat),
      { rounds: 4, iterations: 5, warmup: 15 },
    );
    console.log(
      `app with TRACE_RECORD_CONTENT=false: median ${content.baselineMs.toFixed(1)} ms against ${content.candidateMs.toFixed(1)} ms with content, measured together: content recording ${content.ratio.toFixed(2)}×`,
    );
  } finally {
    await lean?.dispose();
    await app?.dispose();
    for (const child of children.reverse()) await child.kill();
  }
}
