import type { UIMessageChunk } from "ai";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { getChat } from "@/lib/chat/chat-store";
import { getDatabase } from "@/lib/db/database";
import { AppError } from "@/lib/errors";
import { databaseBackends, useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { serverStoppedMessage } from "./abandoned-runs";
import { activeRun, followRun, startChatRun, stopChatRun } from "./chat-runs";
import { followRunLog } from "./run-followers";
import { getRun, requestStop } from "./run-store";

function question(text: string, id: string = crypto.randomUUID()): ChatMessage {
  return { id, role: "user", parts: [{ type: "text", text }] };
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

async function waitForStatus(runId: string, timeoutMs = 10_000): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(runId);
    if (run?.status !== "running" || Date.now() > deadline) return run?.status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const endlessCode = "Run this code:\n```js\nwhile (true) {}\n```";

describe.each(databaseBackends)("durable chat runs on %s", (backend) => {
  useTemporaryDataDirectory({}, backend);
  const started: string[] = [];
  afterEach(async () => {
    // No run of one test may write into the next test's database.
    for (const runId of started.splice(0)) await waitForStatus(runId);
  });

  it("stores the question at once, answers detached from its follower, and replays the same stream from the log", async () => {
    const ask = question("Calculate 6 * 7");
    const { runId, traceId } = await startChatRun({
      chatId: "c",
      messages: [ask],
      trigger: "submit-message",
      disabledAgents: [],
    });
    started.push(runId);
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect((await getChat("c"))?.messages.map((message) => message.id)).toEqual([ask.id]);
    // The first follower goes away after one chunk: the run goes on without it.
    const reader = followRun(runId).getReader();
    expect((await reader.read()).value?.type).toBe("start");
    await reader.cancel();
    expect(await waitForStatus(runId)).toBe("done");
    const stored = (await getChat("c"))?.messages ?? [];
    expect(stored.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(JSON.stringify(stored[1]?.parts)).toContain("42");
    // Any replica replays the whole run from the log, ending where the run ended.
    const replayed = await readAll(followRunLog(runId));
    expect(replayed[0]).toMatchObject({ type: "start", messageId: stored[1]?.id });
    expect(replayed.at(-1)?.type).toBe("finish");
    expect(await activeRun("c")).toBeUndefined();
  });

  it("follows a running run live from the log, as another replica does", async () => {
    const { runId } = await startChatRun({
      chatId: "live",
      messages: [question("Calculate 12 * 12")],
      trigger: "submit-message",
      disabledAgents: [],
    });
    started.push(runId);
    const [local, remote] = await Promise.all([readAll(followRun(runId)), readAll(followRunLog(runId))]);
    expect(remote).toEqual(local);
    expect(JSON.stringify(local)).toContain("144");
  });

  it("refuses a second turn while one runs, storing nothing of it", async () => {
    const { runId } = await startChatRun({
      chatId: "busy",
      messages: [question(endlessCode)],
      trigger: "submit-message",
      disabledAgents: [],
    });
    started.push(runId);
    const second = question("And another thing");
    const refused = startChatRun({
      chatId: "busy",
      messages: [second],
      trigger: "submit-message",
      disabledAgents: [],
    });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: "conflict" });
    expect((await getChat("busy"))?.messages.some((message) => message.id === second.id)).toBe(false);
    await stopChatRun("busy");
  });

  it("stops a run from its server, saving the answer so far", async () => {
    const { runId } = await startChatRun({
      chatId: "stop-here",
      messages: [question(endlessCode)],
      trigger: "submit-message",
      disabledAgents: [],
    });
    started.push(runId);
    const follower = readAll(followRun(runId));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Left alone, the code would run for the sandbox's 5 s and the run end "done". Given a minute to
    // end, Stop still returns as soon as the run has ended (within the test's timeout).
    const stopped = await stopChatRun("stop-here", 60_000);
    expect(stopped).toMatchObject({ id: runId, status: "stopped", error: "The run was stopped." });
    expect((await follower).at(-1)?.type).toBe("abort");
    const answer = (await getChat("stop-here"))?.messages.at(-1);
    expect(answer).toMatchObject({ role: "assistant", metadata: { error: "The run was stopped." } });
    // The code it cut short is saved as failed with the reason, not as still working.
    expect(answer?.parts.find((part) => part.type === "tool-code_interpreter")).toMatchObject({
      state: "output-error",
      errorText: "The run was stopped.",
    });
    expect(await stopChatRun("stop-here")).toBeUndefined();
  });

  it("stops a run when another replica asks, through the database alone", async () => {
    const { runId } = await startChatRun({
      chatId: "stop-there",
      messages: [question(endlessCode)],
      trigger: "submit-message",
      disabledAgents: [],
    });
    started.push(runId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await requestStop("stop-there");
    expect(await waitForStatus(runId)).toBe("stopped");
  });

  it("settles a run whose server died when anyone looks for the conversation's run", async () => {
    const database = await getDatabase();
    await database
      .insertInto("chat_runs")
      .values({
        id: "dead",
        chat_id: "orphan",
        trace_id: null,
        status: "running",
        started_at: Date.now() - 60_000,
        ended_at: null,
        error: null,
        lease_expires_at: Date.now() - 1000,
        stop_requested_at: null,
      })
      .execute();
    expect(await activeRun("orphan")).toBeUndefined();
    expect(await getRun("dead")).toMatchObject({ status: "failed", error: serverStoppedMessage });
    // A new turn is not blocked by it.
    const { runId } = await startChatRun({
      chatId: "orphan",
      messages: [question("Calculate 1 + 1")],
      trigger: "submit-message",
      disabledAgents: [],
    });
    started.push(runId);
    expect(await waitForStatus(runId)).toBe("done");
  });
});
