import "server-only";
import { randomUUID } from "node:crypto";
import { getDatabase } from "@/lib/db/database";
import { getEnvironment } from "@/lib/env";

/**
 * Marks an upload as being checked and stored until `run` settles, in the shared database so every
 * replica sees it. A re-index must not start in that window: it would snapshot the documents without
 * this one, whose passages would then go into the table the re-index is about to drop. The mark holds
 * a lease (renewed while the upload runs), so one left by a server that died expires by itself.
 */
export async function trackUpload<Result>(run: () => Promise<Result>): Promise<Result> {
  const id = randomUUID();
  const leaseMs = getEnvironment().LEASE_MS;
  const database = await getDatabase();
  await database
    .insertInto("upload_checks")
    .values({ id, lease_expires_at: Date.now() + leaseMs })
    .execute();
  const renewal = setInterval(() => {
    database
      .updateTable("upload_checks")
      .set({ lease_expires_at: Date.now() + leaseMs })
      .where("id", "=", id)
      .execute()
      // The next renewal comes well before the lease runs out; the log says why this one failed.
      .catch((error: unknown) => console.error("Could not renew an upload's lease", error));
  }, leaseMs / 4).unref();
  try {
    return await run();
  } finally {
    clearInterval(renewal);
    await database.deleteFrom("upload_checks").where("id", "=", id).execute();
  }
}

/** How many uploads are being checked or stored right now, on any replica. */
export async function uploadsInFlight(): Promise<number> {
  const database = await getDatabase();
  const row = await database
    .selectFrom("upload_checks")
    .select((builder) => builder.fn.countAll<number>().as("count"))
    .where("lease_expires_at", ">=", Date.now())
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
