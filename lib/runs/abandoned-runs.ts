import "server-only";
import { readUIMessageStream, type UIMessageChunk } from "ai";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { saveMessages } from "@/lib/chat/chat-store";
import { getDatabase } from "@/lib/db/database";
import { readChunkBatches } from "./run-store";

/** What a run left running by a server that stopped says, in the log and on the saved answer. */
export const serverStoppedMessage = "The server stopped before the answer was finished.";

/** The message the logged chunks build, as the browser saw it (undefined when nothing was logged). */
async function messageFromLog(runId: string): Promise<ChatMessage | undefined> {
  const chunks: UIMessageChunk[] = [];
  let after = -1;
  for (;;) {
    const batches = await readChunkBatches(runId, after);
    if (batches.length === 0) break;
    for (const batch of batches) chunks.push(...batch.chunks);
    after = batches.at(-1)?.batch ?? after;
  }
  const persistent = chunks.filter(
    (chunk) => !("transient" in chunk && chunk.transient) && chunk.type !== "error" && chunk.type !== "abort",
  );
  if (persistent.length === 0) return undefined;
  let message: ChatMessage | undefined;
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of persistent) controller.enqueue(chunk);
      controller.close();
    },
  });
  for await (const built of readUIMessageStream<ChatMessage>({ stream, onError: () => {} })) message = built;
  return message;
}

/**
 * Marks runs whose server stopped as failed: still "running", with a lease nobody renewed since
 * `now`. The replica that wins the transition logs a last error chunk (followers show it) and saves
 * the answer as far as it got, saying what happened. Any replica may call this at any time: a live
 * run keeps its lease. Returns how many runs it marked.
 */
export async function settleAbandonedRuns(options: { chatId?: string; now?: number } = {}): Promise<number> {
  const now = options.now ?? Date.now();
  const database = await getDatabase();
  let query = database
    .selectFrom("chat_runs")
    .select(["id", "chat_id"])
    .where("status", "=", "running")
    .where((builder) =>
      builder.or([builder("lease_expires_at", "is", null), builder("lease_expires_at", "<", now)]),
    );
  if (options.chatId) query = query.where("chat_id", "=", options.chatId);
  const runs = await query.execute();
  let settled = 0;
  for (const run of runs) {
    const answer = await messageFromLog(run.id);
    // The status and the last chunk change together: a follower sees both or neither.
    const won = await database.transaction().execute(async (transaction) => {
      const updated = await transaction
        .updateTable("chat_runs")
        .set({ status: "failed", error: serverStoppedMessage, ended_at: now, lease_expires_at: null })
        .where("id", "=", run.id)
        .where("status", "=", "running")
        .where((builder) =>
          builder.or([builder("lease_expires_at", "is", null), builder("lease_expires_at", "<", now)]),
        )
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      const last = await transaction
        .selectFrom("chat_run_chunks")
        .select((builder) => builder.fn.max("batch").as("batch"))
        .where("run_id", "=", run.id)
        .executeTakeFirst();
      await transaction
        .insertInto("chat_run_chunks")
        .values({
          run_id: run.id,
          batch: Number(last?.batch ?? -1) + 1,
          chunks: JSON.stringify([{ type: "error", errorText: serverStoppedMessage }]),
        })
        .onConflict((conflict) => conflict.doNothing())
        .execute();
      return true;
    });
    if (!won) continue;
    settled += 1;
    // Only an answer not saved yet: a run that saved its answer and then lost its server keeps it whole.
    if (answer && !(await hasMessage(run.chat_id, answer.id))) {
      await saveMessages(run.chat_id, [
        { ...answer, metadata: { ...answer.metadata, error: serverStoppedMessage } },
      ]);
    }
  }
  return settled;
}

async function hasMessage(chatId: string, id: string): Promise<boolean> {
  const database = await getDatabase();
  const row = await database
    .selectFrom("chat_messages")
    .select("id")
    .where("chat_id", "=", chatId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row !== undefined;
}
