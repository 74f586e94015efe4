import "server-only";
import type { UIMessageChunk } from "ai";
import { getDatabase } from "@/lib/db/database";
import type { ChatRunRow } from "@/lib/db/schema";
import { getEnvironment } from "@/lib/env";
import type { ChatRunStatus, ChatRunSummary } from "./run-status";

/** How long the log of a finished run is kept for followers still reading it. */
const finishedLogMs = 10 * 60 * 1000;

/** How long a running run stays "running" without its server renewing the lease (LEASE_MS). */
export function runLeaseMs(): number {
  return getEnvironment().LEASE_MS;
}

function summarize(row: ChatRunRow): ChatRunSummary {
  return {
    id: row.id,
    chatId: row.chat_id,
    traceId: row.trace_id,
    status: row.status,
    startedAt: Number(row.started_at),
    endedAt: row.ended_at === null ? null : Number(row.ended_at),
    error: row.error,
  };
}

/**
 * Records a new running run of a conversation, or returns false when one is running already (at
 * most one per conversation: the partial unique index decides, on any replica).
 */
export async function insertRun(run: { id: string; chatId: string }): Promise<boolean> {
  const database = await getDatabase();
  const now = Date.now();
  const result = await database
    .insertInto("chat_runs")
    .values({
      id: run.id,
      chat_id: run.chatId,
      trace_id: null,
      status: "running",
      started_at: now,
      ended_at: null,
      error: null,
      lease_expires_at: now + runLeaseMs(),
      stop_requested_at: null,
    })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes a run that never started (its turn was refused before the agents ran). */
export async function deleteRun(id: string): Promise<void> {
  const database = await getDatabase();
  await database.deleteFrom("chat_run_chunks").where("run_id", "=", id).execute();
  await database.deleteFrom("chat_runs").where("id", "=", id).execute();
}

export async function setRunTrace(id: string, traceId: string): Promise<void> {
  const database = await getDatabase();
  await database.updateTable("chat_runs").set({ trace_id: traceId }).where("id", "=", id).execute();
}

export async function getRun(
  id: string,
): Promise<(ChatRunSummary & { leaseExpiresAt: number | null }) | undefined> {
  const database = await getDatabase();
  const row = await database.selectFrom("chat_runs").selectAll().where("id", "=", id).executeTakeFirst();
  return (
    row && {
      ...summarize(row),
      leaseExpiresAt: row.lease_expires_at === null ? null : Number(row.lease_expires_at),
    }
  );
}

/** The conversation's running run, if any (whether or not its server is still alive). */
export async function getRunningRun(
  chatId: string,
): Promise<(ChatRunSummary & { leaseExpiresAt: number | null }) | undefined> {
  const database = await getDatabase();
  const row = await database
    .selectFrom("chat_runs")
    .selectAll()
    .where("chat_id", "=", chatId)
    .where("status", "=", "running")
    .executeTakeFirst();
  return (
    row && {
      ...summarize(row),
      leaseExpiresAt: row.lease_expires_at === null ? null : Number(row.lease_expires_at),
    }
  );
}

/** Appends one batch of the run's UI message chunks to its log. */
export async function appendChunkBatch(
  runId: string,
  batch: number,
  chunks: UIMessageChunk[],
): Promise<void> {
  const database = await getDatabase();
  await database
    .insertInto("chat_run_chunks")
    .values({ run_id: runId, batch, chunks: JSON.stringify(chunks) })
    .execute();
}

/** The logged batches after `afterBatch`, in order. */
export async function readChunkBatches(
  runId: string,
  afterBatch: number,
  limit = 200,
): Promise<Array<{ batch: number; chunks: UIMessageChunk[] }>> {
  const database = await getDatabase();
  const rows = await database
    .selectFrom("chat_run_chunks")
    .select(["batch", "chunks"])
    .where("run_id", "=", runId)
    .where("batch", ">", afterBatch)
    .orderBy("batch")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    batch: Number(row.batch),
    chunks: JSON.parse(row.chunks) as UIMessageChunk[],
  }));
}

/** Ends a running run (a guarded transition: a run that ended already keeps how it ended). */
export async function finishRun(
  id: string,
  status: Exclude<ChatRunStatus, "running">,
  error?: string,
): Promise<boolean> {
  const database = await getDatabase();
  const result = await database
    .updateTable("chat_runs")
    .set({ status, error: error ?? null, ended_at: Date.now(), lease_expires_at: null })
    .where("id", "=", id)
    .where("status", "=", "running")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Extends the leases of the runs this server runs; returns the ids still running (and so renewed). */
export async function renewRunLeases(ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const database = await getDatabase();
  await database
    .updateTable("chat_runs")
    .set({ lease_expires_at: Date.now() + runLeaseMs() })
    .where("id", "in", ids)
    .where("status", "=", "running")
    .execute();
  const running = await database
    .selectFrom("chat_runs")
    .select("id")
    .where("id", "in", ids)
    .where("status", "=", "running")
    .execute();
  return running.map((row) => row.id);
}

/** Of these runs, the ones somebody asked to stop. */
export async function selectStopRequested(ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const database = await getDatabase();
  const rows = await database
    .selectFrom("chat_runs")
    .select("id")
    .where("id", "in", ids)
    .where("stop_requested_at", "is not", null)
    .execute();
  return rows.map((row) => row.id);
}

/** Asks the conversation's running run to stop (only `runId`, when given); returns it, or undefined. */
export async function requestStop(chatId: string, runId?: string): Promise<ChatRunSummary | undefined> {
  const database = await getDatabase();
  const run = await getRunningRun(chatId);
  if (!run || (runId && run.id !== runId)) return undefined;
  await database
    .updateTable("chat_runs")
    .set({ stop_requested_at: Date.now() })
    .where("id", "=", run.id)
    .where("status", "=", "running")
    .execute();
  return run;
}

/** Drops the logs of runs that ended a while ago (their answers are saved as messages). */
export async function removeFinishedRunLogs(now = Date.now()): Promise<void> {
  const database = await getDatabase();
  await database
    .deleteFrom("chat_run_chunks")
    .where((builder) =>
      builder(
        "run_id",
        "in",
        builder
          .selectFrom("chat_runs")
          .select("id")
          .where("status", "!=", "running")
          .where("ended_at", "<", now - finishedLogMs),
      ),
    )
    .execute();
}

/** Forgets every run of a deleted conversation. */
export async function deleteRunsOfChat(chatId: string): Promise<void> {
  const database = await getDatabase();
  await database.transaction().execute(async (transaction) => {
    await transaction
      .deleteFrom("chat_run_chunks")
      .where((builder) =>
        builder("run_id", "in", builder.selectFrom("chat_runs").select("id").where("chat_id", "=", chatId)),
      )
      .execute();
    await transaction.deleteFrom("chat_runs").where("chat_id", "=", chatId).execute();
  });
}
