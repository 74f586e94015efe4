import "server-only";
import { randomUUID } from "node:crypto";
import { getEnvironment } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { getDatabase } from "./database";

/** How a call to `runLeasedJob` went. */
export type JobOutcome = "ran" | "requested";

/** This process's name as a job's lease holder (several replicas share one database). */
function processOwner(): string {
  return processSingleton("job-owner", () => `${process.pid}-${randomUUID()}`);
}

async function claim(name: string, owner: string, now: number): Promise<boolean> {
  const database = await getDatabase();
  await database
    .insertInto("jobs")
    .values({
      name,
      owner: null,
      lease_expires_at: null,
      requested_at: null,
      last_started_at: null,
      last_finished_at: null,
      last_error: null,
    })
    .onConflict((conflict) => conflict.column("name").doNothing())
    .execute();
  const claimed = await database
    .updateTable("jobs")
    .set({
      owner,
      lease_expires_at: now + getEnvironment().LEASE_MS,
      last_started_at: now,
      requested_at: null,
    })
    .where("name", "=", name)
    .where((builder) =>
      builder.or([builder("lease_expires_at", "is", null), builder("lease_expires_at", "<", now)]),
    )
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) > 0;
}

/**
 * Runs a maintenance job (compacting a table, removing old runs) on one replica at a time: the job's
 * row in the shared database holds a lease its runner renews while it works. A replica that finds
 * the job leased does not run it but asks for another run, which the holder does when it is done;
 * a holder that died leaves a lease that runs out, and the next replica to call takes the job over.
 * Returns "ran" when this call ran it (once or more), "requested" when it left it to the holder.
 */
export async function runLeasedJob(name: string, work: () => Promise<void>): Promise<JobOutcome> {
  const owner = processOwner();
  const database = await getDatabase();
  if (!(await claim(name, owner, Date.now()))) {
    await database.updateTable("jobs").set({ requested_at: Date.now() }).where("name", "=", name).execute();
    // The holder may have finished between the claim and the request: then this call runs it.
    if (!(await claim(name, owner, Date.now()))) return "requested";
  }
  const leaseMs = getEnvironment().LEASE_MS;
  const renewal = setInterval(() => {
    database
      .updateTable("jobs")
      .set({ lease_expires_at: Date.now() + leaseMs })
      .where("name", "=", name)
      .where("owner", "=", owner)
      .execute()
      .catch((error: unknown) => console.error(`Could not renew the lease of job ${name}`, error));
  }, leaseMs / 3);
  renewal.unref();
  let released = false;
  try {
    for (;;) {
      let failure: string | null = null;
      try {
        await work();
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
        throw error;
      } finally {
        await database
          .updateTable("jobs")
          .set({ last_finished_at: Date.now(), last_error: failure })
          .where("name", "=", name)
          .where("owner", "=", owner)
          .execute();
      }
      // Let go only if nobody asked for another run meanwhile (one atomic step, so a request made
      // while it lets go is either seen here or finds the job free and runs it itself).
      const release = await database
        .updateTable("jobs")
        .set({ owner: null, lease_expires_at: null })
        .where("name", "=", name)
        .where("owner", "=", owner)
        .where("requested_at", "is", null)
        .executeTakeFirst();
      if (Number(release.numUpdatedRows) > 0) {
        released = true;
        return "ran";
      }
      await database
        .updateTable("jobs")
        .set({ requested_at: null, last_started_at: Date.now() })
        .where("name", "=", name)
        .where("owner", "=", owner)
        .execute();
    }
  } finally {
    clearInterval(renewal);
    if (!released) {
      await database
        .updateTable("jobs")
        .set({ owner: null, lease_expires_at: null })
        .where("name", "=", name)
        .where("owner", "=", owner)
        .execute();
    }
  }
}
