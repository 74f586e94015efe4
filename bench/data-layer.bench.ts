// The metadata backends against each other: trace-span writes per second on the embedded SQLite and
// on PostgreSQL 15, and a whole chat round trip (offline models: plan, code interpreter, answer,
// conversation saved, every span stored) on PostgreSQL against the embedded default (target ≤ 1.2×).
import { streamChatRun } from "@/agents/orchestrator";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { flushTraceWrites } from "@/lib/trace/telemetry";
import { createTestDatabase, startPostgres } from "@/tests/services/postgres-server";
import { inKnowledgeDirectory } from "./knowledge-bench-support";
import { recordSyntheticRun } from "./trace-synthetic-run";

const spansPerRun = 2000;
const chatRounds = 30;

async function spanWritesPerSecond(): Promise<number> {
  recordSyntheticRun(50, "warm-up");
  await flushTraceWrites();
  const started = performance.now();
  recordSyntheticRun(spansPerRun, "span-write benchmark");
  await flushTraceWrites();
  return spansPerRun / ((performance.now() - started) / 1000);
}

async function chatRoundTrip(index: number): Promise<number> {
  const question: ChatMessage = {
    id: crypto.randomUUID(),
    role: "user",
    parts: [{ type: "text", text: `Calculate ${index} * 17` }],
  };
  const started = performance.now();
  const { stream } = streamChatRun({
    chatId: `bench-${index}-${crypto.randomUUID()}`,
    messages: [question],
    newMessages: [question],
    disabledAgents: [],
    abortSignal: new AbortController().signal,
  });
  const reader = stream.getReader();
  while (!(await reader.read()).done) {}
  return performance.now() - started;
}

async function chatMedian(): Promise<number> {
  for (let index = 0; index < 5; index++) await chatRoundTrip(index);
  const times: number[] = [];
  for (let index = 0; index < chatRounds; index++) times.push(await chatRoundTrip(index));
  return times.sort((left, right) => left - right)[Math.floor(times.length / 2)];
}

export async function benchmark(): Promise<void> {
  const server = await startPostgres();
  try {
    const postgresUrl = await createTestDatabase(server.url);
    const sqliteSpans = await inKnowledgeDirectory("spans-sqlite", spanWritesPerSecond);
    const postgresSpans = await inKnowledgeDirectory("spans-postgres", spanWritesPerSecond, {
      DATABASE_URL: postgresUrl,
    });
    console.log(
      `trace-span writes: ${sqliteSpans.toFixed(0)}/s on SQLite, ${postgresSpans.toFixed(0)}/s on PostgreSQL 15 (${(postgresSpans / sqliteSpans).toFixed(2)}× SQLite)`,
    );
    const chatUrl = await createTestDatabase(server.url);
    const sqliteChat = await inKnowledgeDirectory("chat-sqlite", chatMedian);
    const postgresChat = await inKnowledgeDirectory("chat-postgres", chatMedian, { DATABASE_URL: chatUrl });
    console.log(
      `chat round trip (offline, code interpreter): p50 ${sqliteChat.toFixed(1)} ms embedded, ${postgresChat.toFixed(1)} ms PostgreSQL: ${(postgresChat / sqliteChat).toFixed(2)}× (target ≤ 1.2×)`,
    );
  } finally {
    await server.stop();
  }
}
