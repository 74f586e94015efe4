import type { UIMessageChunk } from "ai";
import { describe, expect, it } from "vitest";
import { getChat, saveMessages } from "@/lib/chat/chat-store";
import { getDatabase } from "@/lib/db/database";
import { databaseBackends, useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { serverStoppedMessage, settleAbandonedRuns } from "./abandoned-runs";
import {
  appendChunkBatch,
  finishRun,
  getRun,
  getRunningRun,
  insertRun,
  readChunkBatches,
  removeFinishedRunLogs,
  requestStop,
  selectStopRequested,
} from "./run-store";

const partialAnswer: UIMessageChunk[] = [
  { type: "start", messageId: "answer-1" },
  { type: "start-step" },
  { type: "text-start", id: "t" },
  { type: "text-delta", id: "t", delta: "Half of " },
  { type: "data-agent-progress", data: { toolCallId: "x", chunks: [] }, transient: true },
  { type: "text-delta", id: "t", delta: "an answer" },
];

async function expireLease(id: string): Promise<void> {
  const database = await getDatabase();
  await database
    .updateTable("chat_runs")
    .set({ lease_expires_at: Date.now() - 1 })
    .where("id", "=", id)
    .execute();
}

describe.each(databaseBackends)("chat run store on %s", (backend) => {
  useTemporaryDataDirectory({}, backend);

  it("lets one run per conversation run at a time, and another once it ended", async () => {
    expect(await insertRun({ id: "r1", chatId: "c" })).toBe(true);
    expect(await insertRun({ id: "r2", chatId: "c" })).toBe(false);
    expect(await insertRun({ id: "r3", chatId: "other" })).toBe(true);
    expect((await getRunningRun("c"))?.id).toBe("r1");
    expect(await finishRun("r1", "done")).toBe(true);
    // A guarded transition: an ended run keeps how it ended.
    expect(await finishRun("r1", "failed", "late")).toBe(false);
    expect(await getRun("r1")).toMatchObject({ status: "done", error: null });
    expect(await insertRun({ id: "r2", chatId: "c" })).toBe(true);
  });

  it("logs chunk batches in order and reads them after a cursor", async () => {
    await insertRun({ id: "r", chatId: "c" });
    await appendChunkBatch("r", 0, partialAnswer.slice(0, 2));
    await appendChunkBatch("r", 1, partialAnswer.slice(2));
    const all = await readChunkBatches("r", -1);
    expect(all.map((batch) => batch.batch)).toEqual([0, 1]);
    expect(all.flatMap((batch) => batch.chunks)).toEqual(partialAnswer);
    expect((await readChunkBatches("r", 0)).map((batch) => batch.batch)).toEqual([1]);
  });

  it("records a Stop request any replica can see", async () => {
    await insertRun({ id: "r", chatId: "c" });
    await insertRun({ id: "s", chatId: "d" });
    expect(await selectStopRequested(["r", "s"])).toEqual([]);
    expect((await requestStop("c"))?.id).toBe("r");
    expect(await selectStopRequested(["r", "s"])).toEqual(["r"]);
    expect(await requestStop("nothing-runs")).toBeUndefined();
  });

  it("marks a run whose server died as failed, keeps its answer so far, and leaves live runs alone", async () => {
    await saveMessages("c", [{ id: "q", role: "user", parts: [{ type: "text", text: "A question" }] }]);
    await insertRun({ id: "dead", chatId: "c" });
    await appendChunkBatch("dead", 0, partialAnswer);
    await insertRun({ id: "live", chatId: "other" });
    expect(await settleAbandonedRuns()).toBe(0);
    await expireLease("dead");
    expect(await settleAbandonedRuns()).toBe(1);
    expect(await settleAbandonedRuns()).toBe(0);
    expect(await getRun("dead")).toMatchObject({ status: "failed", error: serverStoppedMessage });
    expect(await getRun("live")).toMatchObject({ status: "running" });
    // Followers reading the log see why it ended.
    const log = (await readChunkBatches("dead", -1)).flatMap((batch) => batch.chunks);
    expect(log.at(-1)).toEqual({ type: "error", errorText: serverStoppedMessage });
    const messages = (await getChat("c"))?.messages ?? [];
    expect(messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(messages[1]).toMatchObject({
      id: "answer-1",
      metadata: { error: serverStoppedMessage },
      parts: expect.arrayContaining([expect.objectContaining({ type: "text", text: "Half of an answer" })]),
    });
  });

  it("keeps an answer its run saved before its server died, whole", async () => {
    const saved = {
      id: "answer-1",
      role: "assistant" as const,
      parts: [{ type: "text" as const, text: "The whole answer." }],
    };
    await saveMessages("c", [
      { id: "q", role: "user", parts: [{ type: "text", text: "A question" }] },
      saved,
    ]);
    await insertRun({ id: "dead", chatId: "c" });
    await appendChunkBatch("dead", 0, partialAnswer);
    await expireLease("dead");
    expect(await settleAbandonedRuns()).toBe(1);
    expect((await getChat("c"))?.messages.at(-1)).toEqual(saved);
  });

  it("drops the logs of runs that ended a while ago, not of running ones", async () => {
    await insertRun({ id: "old", chatId: "a" });
    await appendChunkBatch("old", 0, partialAnswer);
    await finishRun("old", "done");
    await insertRun({ id: "running", chatId: "b" });
    await appendChunkBatch("running", 0, partialAnswer);
    await removeFinishedRunLogs(Date.now());
    expect(await readChunkBatches("old", -1)).toHaveLength(1);
    await removeFinishedRunLogs(Date.now() + 60 * 60 * 1000);
    expect(await readChunkBatches("old", -1)).toHaveLength(0);
    expect(await readChunkBatches("running", -1)).toHaveLength(1);
  });
});
