import "server-only";
import { getDatabase } from "@/lib/db/database";
import { errorMessageAttribute } from "./span-attributes";

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Bounds what traces keep: the newest `keepRuns` runs, none started more than `maxAgeDays` days
 * before `now` (0: no age limit, only the count). Older runs are deleted with their spans.
 */
export async function removeExpiredRuns({
  keepRuns,
  maxAgeDays,
  now = Date.now(),
}: {
  keepRuns: number;
  maxAgeDays: number;
  now?: number;
}): Promise<void> {
  const database = await getDatabase();
  await database.transaction().execute(async (transaction) => {
    // A run still going (its lease live) is never removed under its own feet, whatever its age.
    const live = (
      await transaction
        .selectFrom("traces")
        .select("id")
        .where("status", "=", "running")
        .where("lease_expires_at", ">=", now)
        .execute()
    ).map((row) => row.id);
    const beyondCount = await transaction
      .selectFrom("traces")
      .select("id")
      .orderBy("start_time", "desc")
      .orderBy("sequence", "desc")
      .limit(Number.MAX_SAFE_INTEGER)
      .offset(keepRuns)
      .execute();
    const expired = new Set(beyondCount.map((row) => row.id));
    if (maxAgeDays > 0) {
      const tooOld = await transaction
        .selectFrom("traces")
        .select("id")
        .where("start_time", "<", now - maxAgeDays * dayMs)
        .execute();
      for (const row of tooOld) expired.add(row.id);
    }
    for (const id of live) expired.delete(id);
    const ids = [...expired];
    // In slices: SQLite binds at most 32,766 parameters per statement.
    for (let start = 0; start < ids.length; start += 500) {
      const slice = ids.slice(start, start + 500);
      await transaction.deleteFrom("spans").where("trace_id", "in", slice).execute();
      await transaction.deleteFrom("traces").where("id", "in", slice).execute();
    }
    // Spans whose run is gone (removed, or never written because its write failed) go too.
    await transaction
      .deleteFrom("spans")
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("traces").select("traces.id").whereRef("traces.id", "=", "spans.trace_id"))),
      )
      .execute();
  });
}

export const interruptedMessage = "The server stopped before this finished.";

/**
 * Marks runs whose server stopped as failed: runs still "running" whose lease (renewed by the
 * process that runs them, see span-store) ran out before `now`. A live run on another replica keeps
 * its lease, so any replica may call this at any time. Open spans end at the last moment the run
 * was seen doing something. Returns how many runs it marked.
 */
export async function markInterruptedRuns(now = Date.now()): Promise<number> {
  const database = await getDatabase();
  return database.transaction().execute(async (transaction) => {
    const runs = await transaction
      .selectFrom("traces")
      .select(["id", "start_time"])
      .where("status", "=", "running")
      .where((builder) =>
        builder.or([builder("lease_expires_at", "is", null), builder("lease_expires_at", "<", now)]),
      )
      .execute();
    for (const run of runs) {
      const spans = await transaction
        .selectFrom("spans")
        .select(["id", "start_time", "end_time", "status", "attributes"])
        .where("trace_id", "=", run.id)
        .execute();
      const lastSeen = Math.max(run.start_time, ...spans.map((span) => span.end_time ?? span.start_time));
      for (const span of spans) {
        if (span.status !== "running") continue;
        const attributes = { ...JSON.parse(span.attributes), [errorMessageAttribute]: interruptedMessage };
        await transaction
          .updateTable("spans")
          .set({
            status: "error",
            end_time: lastSeen,
            attributes: JSON.stringify(attributes),
            error_message: interruptedMessage,
          })
          .where("id", "=", span.id)
          .where("status", "=", "running")
          .execute();
      }
      await transaction
        .updateTable("traces")
        .set({ status: "error", end_time: lastSeen })
        .where("id", "=", run.id)
        .where("status", "=", "running")
        .execute();
    }
    return runs.length;
  });
}
