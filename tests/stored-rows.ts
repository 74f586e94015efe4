import { sql } from "kysely";
import { getDatabase } from "@/lib/db/database";
import { flushTraceWrites } from "@/lib/trace/telemetry";

/** Every row of a metadata table as stored (after this process's pending span writes), for assertions. */
export async function storedRows(table: "spans" | "traces"): Promise<Array<Record<string, unknown>>> {
  await flushTraceWrites();
  const database = await getDatabase();
  return (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(database)).rows;
}

/** Moves a stored run's start time, as if it had started at `startTime` (epoch ms). */
export async function setRunStartTime(
  traceId: string,
  startTime: (current: number) => number,
): Promise<void> {
  await flushTraceWrites();
  const database = await getDatabase();
  const run = await database
    .selectFrom("traces")
    .select("start_time")
    .where("id", "=", traceId)
    .executeTakeFirstOrThrow();
  await database
    .updateTable("traces")
    .set({ start_time: startTime(run.start_time) })
    .where("id", "=", traceId)
    .execute();
}
