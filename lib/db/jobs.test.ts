import { describe, expect, it } from "vitest";
import { databaseBackends, useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { getDatabase } from "./database";
import { runLeasedJob } from "./jobs";

async function jobRow(name: string) {
  const database = await getDatabase();
  return database.selectFrom("jobs").selectAll().where("name", "=", name).executeTakeFirst();
}

async function leaseTo(name: string, owner: string, expiresAt: number): Promise<void> {
  const database = await getDatabase();
  await database
    .insertInto("jobs")
    .values({
      name,
      owner,
      lease_expires_at: expiresAt,
      requested_at: null,
      last_started_at: expiresAt - 1000,
      last_finished_at: null,
      last_error: null,
    })
    .execute();
}

describe.each(databaseBackends)("leased jobs on %s", (backend) => {
  useTemporaryDataDirectory({}, backend);

  it("runs a job and lets go of it", async () => {
    let runs = 0;
    expect(await runLeasedJob("compact", async () => void runs++)).toBe("ran");
    expect(runs).toBe(1);
    expect(await jobRow("compact")).toMatchObject({ owner: null, lease_expires_at: null, last_error: null });
  });

  it("runs one at a time: a call while it runs asks the holder for one more pass instead", async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holder = runLeasedJob("compact", async () => {
      runs++;
      if (runs === 1) await gate;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await runLeasedJob("compact", async () => void runs++)).toBe("requested");
    expect(runs).toBe(1);
    release();
    expect(await holder).toBe("ran");
    // The request was served by the holder: two passes, none of them concurrent.
    expect(runs).toBe(2);
    expect((await jobRow("compact"))?.requested_at).toBeNull();
  });

  it("leaves a job a live replica holds, and takes over one whose holder died", async () => {
    await leaseTo("live", "other-replica", Date.now() + 60_000);
    let runs = 0;
    expect(await runLeasedJob("live", async () => void runs++)).toBe("requested");
    expect(runs).toBe(0);
    expect((await jobRow("live"))?.requested_at).not.toBeNull();
    await leaseTo("dead", "killed-replica", Date.now() - 1);
    expect(await runLeasedJob("dead", async () => void runs++)).toBe("ran");
    expect(runs).toBe(1);
  });

  it("records why a run failed and frees the job for the next call", async () => {
    await expect(
      runLeasedJob("retention", async () => {
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(await jobRow("retention")).toMatchObject({ owner: null, last_error: "disk full" });
    expect(await runLeasedJob("retention", async () => {})).toBe("ran");
    expect((await jobRow("retention"))?.last_error).toBeNull();
  });
});
