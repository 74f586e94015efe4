// Durable chat runs (lib/runs) on the embedded SQLite and on PostgreSQL 15:
// 1. resume: a reconnect (`followRunLog`) to a run with 1,000 logged chunks, time to its first
//    replayed chunk and to all of them, against one raw SELECT of the same rows (target p50 ≤ 50 ms);
// 2. concurrency: completed runs per second with 50 chats running at once, each with a live
//    follower and a log follower (a second tab on another replica), against 10 (target ≥ 0.7×);
// 3. stop latency: `stopChatRun` (this server) and `requestStop` (the database flag alone, as from
//    another replica) on a run stuck in an endless loop, to status "stopped" (target within 1 s),
//    against the sandbox's own 5 s limit, which is how long the run would take unstopped.
import type { UIMessageChunk } from "ai";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { getDatabase } from "@/lib/db/database";
import { followRun, startChatRun, stopChatRun } from "@/lib/runs/chat-runs";
import { followRunLog } from "@/lib/runs/run-followers";
import { appendChunkBatch, finishRun, getRun, insertRun, requestStop } from "@/lib/runs/run-store";
import { createTestDatabase, startPostgres } from "@/tests/services/postgres-server";
import { inKnowledgeDirectory, percentile } from "./knowledge-bench-support";
import { median } from "./measure";

const loggedChunks = 1000;
/** About what the recorder's 50 ms flushes hold while an answer streams. */
const chunksPerBatch = 20;
/** Other runs' logs in the same table, so the reconnect reads from a table that is not just its own. */
const otherLoggedRuns = 9;
const resumeTries = 50;
const readAllTries = 20;
const concurrencyRounds = 3;
const stopTries = 10;
/** lib/sandbox/run-javascript.ts `defaultTimeoutMs`: how long the endless loop runs unstopped. */
const sandboxLimitMs = 5000;
const endlessCode = "Run this code:\n```js\nwhile (true) {}\n```";

type Backend = { name: string; environment: () => Promise<Record<string, string>> };

function question(text: string): ChatMessage {
  return { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] };
}

const words = "the retriever found three passages that answer the question with numbered citations".split(
  " ",
);

/**
 * A manager answer as the recorder logs it: tool calls of sub-agents whose progress streams as
 * transient data-agent-progress chunks (each a batch of the sub-agent's own chunks), their
 * outputs, then the answer's text deltas; exactly `count` chunks.
 */
function syntheticChunks(count: number): UIMessageChunk[] {
  const head: unknown[] = [
    { type: "start", messageId: "bench-answer", messageMetadata: { traceId: "0".repeat(32), offline: true } },
    { type: "start-step" },
  ];
  for (let call = 0; call < 6; call++) {
    const toolCallId = `call-manager-1-${call}`;
    const toolName = call % 2 === 0 ? "retriever_agent" : "web_agent";
    head.push(
      { type: "tool-input-start", toolCallId, toolName },
      { type: "tool-input-delta", toolCallId, inputTextDelta: `{"task":"part ${call} of the question"}` },
      { type: "tool-input-available", toolCallId, toolName, input: { task: `part ${call} of the question` } },
    );
    for (let progress = 0; progress < 4; progress++) {
      const inner = Array.from({ length: 8 }, (_, index) => ({
        type: "text-delta",
        id: "text-0",
        delta: `${words[(progress * 8 + index) % words.length]} `,
      }));
      head.push({ type: "data-agent-progress", data: { toolCallId, chunks: inner }, transient: true });
    }
    head.push({
      type: "tool-output-available",
      toolCallId,
      output: {
        id: toolCallId,
        role: "assistant",
        parts: [{ type: "text", text: `${words.join(" ")} [${call + 1}]. `.repeat(8) }],
      },
    });
  }
  head.push({ type: "finish-step" }, { type: "start-step" }, { type: "text-start", id: "text-0" });
  const tail: unknown[] = [
    { type: "text-end", id: "text-0" },
    { type: "finish-step" },
    { type: "finish", finishReason: "stop", messageMetadata: { durationMs: 4000 } },
  ];
  const deltas = Array.from({ length: count - head.length - tail.length }, (_, index) => ({
    type: "text-delta",
    id: "text-0",
    delta: `${words[index % words.length]}${index % 17 === 16 ? ` [${(index % 6) + 1}]. ` : " "}`,
  }));
  return [...head, ...deltas, ...tail] as UIMessageChunk[];
}

/** Logs a running run with `count` chunks in the recorder's batches. */
async function logRun(runId: string, count: number): Promise<void> {
  await insertRun({ id: runId, chatId: `chat-${runId}` });
  const chunks = syntheticChunks(count);
  for (let batch = 0; batch * chunksPerBatch < chunks.length; batch++) {
    await appendChunkBatch(runId, batch, chunks.slice(batch * chunksPerBatch, (batch + 1) * chunksPerBatch));
  }
}

async function readAll(stream: ReadableStream<UIMessageChunk>): Promise<UIMessageChunk[]> {
  const chunks: UIMessageChunk[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

async function measureResume(): Promise<string> {
  for (let other = 0; other < otherLoggedRuns; other++) await logRun(crypto.randomUUID(), loggedChunks);
  const runId = crypto.randomUUID();
  await logRun(runId, loggedChunks);
  const database = await getDatabase();
  const rawSelect = () =>
    database
      .selectFrom("chat_run_chunks")
      .select(["batch", "chunks"])
      .where("run_id", "=", runId)
      .orderBy("batch")
      .execute();
  const firstChunk = async () => {
    const reader = followRunLog(runId).getReader();
    const { value } = await reader.read();
    if (value?.type !== "start") throw new Error(`the replay began with ${value?.type}`);
    await reader.cancel();
  };
  const allChunks = async (toClose: boolean) => {
    const reader = followRunLog(runId).getReader();
    let read = 0;
    for (;;) {
      // A running run's log stays open: its follower has everything once it has read the 1,000.
      if (!toClose && read === loggedChunks) break;
      const { done } = await reader.read();
      if (done) break;
      read++;
    }
    if (read !== loggedChunks) throw new Error(`replayed ${read} of ${loggedChunks} chunks`);
    await reader.cancel();
  };
  const time = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  for (let warm = 0; warm < 5; warm++) {
    await rawSelect();
    await firstChunk();
  }
  // Interleaved, so machine noise hits the baseline and the reconnect alike.
  const raw: number[] = [];
  const first: number[] = [];
  for (let index = 0; index < resumeTries; index++) {
    raw.push(await time(rawSelect));
    first.push(await time(firstChunk));
  }
  const all: number[] = [];
  for (let index = 0; index < readAllTries; index++) all.push(await time(() => allChunks(false)));
  await finishRun(runId, "done");
  const closed: number[] = [];
  for (let index = 0; index < readAllTries; index++) closed.push(await time(() => allChunks(true)));
  const rawP50 = median(raw);
  const firstP50 = median(first);
  return [
    `  first replayed chunk: p50 ${ms(firstP50)}, p95 ${ms(percentile(first, 0.95))} (${resumeTries} tries; target p50 ≤ 50 ms)`,
    `  all ${loggedChunks} chunks: p50 ${ms(median(all))} while running, ${ms(median(closed))} to the end of a finished run`,
    `  raw SELECT of the run's ${loggedChunks / chunksPerBatch} rows: p50 ${ms(rawP50)}, p95 ${ms(percentile(raw, 0.95))}; resume p50 = ${(firstP50 / rawP50).toFixed(2)}× raw`,
  ].join("\n");
}

/** N chats at once, each followed live and from the log to its end; the seconds until all ended. */
async function concurrentRound(
  count: number,
  disabledAgents: string[],
  round: string,
): Promise<{ seconds: number; runMs: number[]; mismatches: number; notDone: number }> {
  const started = performance.now();
  let mismatches = 0;
  let notDone = 0;
  const runMs = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const runStarted = performance.now();
      const { runId } = await startChatRun({
        chatId: `concurrent-${round}-${index}`,
        messages: [question("Calculate 7 * 6")],
        trigger: "submit-message",
        disabledAgents,
      });
      const [live, logged] = await Promise.all([readAll(followRun(runId)), readAll(followRunLog(runId))]);
      if (JSON.stringify(live) !== JSON.stringify(logged)) mismatches++;
      if ((await getRun(runId))?.status !== "done") notDone++;
      return performance.now() - runStarted;
    }),
  );
  return { seconds: (performance.now() - started) / 1000, runMs, mismatches, notDone };
}

async function measureConcurrency(disabledAgents: string[]): Promise<string> {
  const sizes = [10, 50];
  await concurrentRound(10, disabledAgents, "warm-up");
  const totals = new Map(sizes.map((size) => [size, { seconds: 0, runs: 0, runMs: [] as number[] }]));
  let mismatches = 0;
  let notDone = 0;
  // Interleaved rounds, so both sizes see the same machine.
  for (let round = 0; round < concurrencyRounds; round++) {
    for (const size of sizes) {
      const result = await concurrentRound(size, disabledAgents, `${size}-${round}`);
      const total = totals.get(size);
      if (!total) continue;
      total.seconds += result.seconds;
      total.runs += size;
      total.runMs.push(...result.runMs);
      mismatches += result.mismatches;
      notDone += result.notDone;
    }
  }
  const throughput = (size: number) => {
    const total = totals.get(size);
    return total ? total.runs / total.seconds : Number.NaN;
  };
  const lines = sizes.map((size) => {
    const runMs = totals.get(size)?.runMs ?? [];
    return `    ${size} at once: ${throughput(size).toFixed(1)} runs/s; a run (start → both followers ended) p50 ${ms(median(runMs))}, p95 ${ms(percentile(runMs, 0.95))}`;
  });
  lines.push(
    `    50 vs 10: ${(throughput(50) / throughput(10)).toFixed(2)}× the throughput (target ≥ 0.7×)` +
      (mismatches || notDone
        ? `; ${mismatches} log replays differed from the live stream, ${notDone} runs not "done"`
        : ""),
  );
  return lines.join("\n");
}

/** Starts an endless-code run and waits until the code interpreter has it (its input is complete). */
async function startEndlessRun(chatId: string) {
  const { runId } = await startChatRun({
    chatId,
    messages: [question(endlessCode)],
    trigger: "submit-message",
    disabledAgents: [],
  });
  const reader = followRun(runId).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw new Error("the endless run ended by itself");
    if (value.type === "tool-input-available") break;
  }
  // Inside the loop by now: the worker starts in well under 100 ms.
  await new Promise((resolve) => setTimeout(resolve, 150));
  const drained = (async () => {
    while (!(await reader.read()).done) {}
  })();
  return { runId, drained };
}

async function measureStop(): Promise<string> {
  const local: number[] = [];
  const remote: number[] = [];
  const statuses = new Set<string>();
  for (let index = 0; index < stopTries; index++) {
    {
      const { drained } = await startEndlessRun(`stop-local-${index}`);
      const started = performance.now();
      const run = await stopChatRun(`stop-local-${index}`);
      local.push(performance.now() - started);
      statuses.add(run?.status ?? "none");
      await drained;
    }
    {
      const { runId, drained } = await startEndlessRun(`stop-remote-${index}`);
      const started = performance.now();
      await requestStop(`stop-remote-${index}`);
      let status: string | undefined;
      for (;;) {
        status = (await getRun(runId))?.status;
        if (status !== "running") break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      remote.push(performance.now() - started);
      statuses.add(status ?? "none");
      await drained;
    }
  }
  const line = (name: string, times: number[]) =>
    `  ${name}: p50 ${ms(median(times))}, max ${ms(Math.max(...times))}: ${(sandboxLimitMs / median(times)).toFixed(0)}× sooner than unstopped`;
  return [
    line("stopChatRun (this server) → returns stopped", local),
    line("requestStop (DB flag, another replica) → getRun says stopped", remote),
    `  (${stopTries} tries each; target within 1 s; unstopped the run takes the sandbox's ${sandboxLimitMs / 1000} s limit, plus the answer; statuses: ${[...statuses].join(", ")})`,
  ].join("\n");
}

export async function benchmark(): Promise<void> {
  const server = await startPostgres();
  try {
    const backends: Backend[] = [
      { name: "embedded SQLite", environment: async () => ({}) },
      {
        name: "PostgreSQL 15",
        environment: async () => ({ DATABASE_URL: await createTestDatabase(server.url) }),
      },
    ];
    for (const backend of backends) {
      const tag = backend.name.startsWith("P") ? "postgres" : "sqlite";
      console.log(`\n### ${backend.name}`);
      console.log(`resume (reconnect to a run with ${loggedChunks} logged chunks):`);
      console.log(
        await inKnowledgeDirectory(`runs-resume-${tag}`, measureResume, await backend.environment()),
      );
      console.log("concurrency (completed runs/s, each run followed live and from the log):");
      console.log(`  "Calculate 7 * 6" (code interpreter; the sandbox runs 4 at a time):`);
      console.log(
        await inKnowledgeDirectory(
          `runs-concurrency-${tag}`,
          () => measureConcurrency([]),
          await backend.environment(),
        ),
      );
      console.log(`  same with code_interpreter switched off (one-step answer: the run machinery alone):`);
      console.log(
        await inKnowledgeDirectory(
          `runs-concurrency-nosandbox-${tag}`,
          () => measureConcurrency(["code_interpreter"]),
          await backend.environment(),
        ),
      );
      console.log("stop latency (endless code run, stopped while in the sandbox):");
      console.log(await inKnowledgeDirectory(`runs-stop-${tag}`, measureStop, await backend.environment()));
    }
  } finally {
    await server.stop();
  }
}
