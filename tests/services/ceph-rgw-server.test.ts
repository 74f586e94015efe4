import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import * as lancedb from "@lancedb/lancedb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CephRgwServer, sendSignedS3Request, startCephRgw } from "./ceph-rgw-server";

/** Project root: the writer processes run there so that `require("@lancedb/lancedb")` resolves. */
const projectRoot = path.resolve(import.meta.dirname, "../..");

/** Appends each writer process makes; each append is its own commit, so 2 × 20 commits race. */
const appendsPerWriter = 20;

/**
 * One writer replica, run as its own Node process (CommonJS through `node -e`, so no build step): it opens
 * the table, says "ready", waits for a line on stdin so that all writers start together, then appends one
 * row per commit and prints a JSON summary. It exits as soon as its stdin closes, so that it never outlives
 * a test process that died.
 */
const writerScript = `
const lancedb = require("@lancedb/lancedb");
const [uri, storageOptionsJson, tableName, writerName, appendCountText] = process.argv.slice(1);
async function main() {
  const connection = await lancedb.connect(uri, { storageOptions: JSON.parse(storageOptionsJson) });
  const table = await connection.openTable(tableName);
  process.stdin.on("end", () => {
    console.error(writerName + ": stdin closed, so the test is gone or gave up; stopping.");
    process.exit(2);
  });
  process.stdout.write("ready\\n");
  await new Promise((resolve) => process.stdin.once("data", resolve));
  const startedAt = Date.now();
  for (let sequence = 0; sequence < Number(appendCountText); sequence++) {
    await table.add([{ id: writerName + "-" + sequence, writer: writerName, sequence }]);
  }
  process.stdout.write(JSON.stringify({ writerName, startedAt, finishedAt: Date.now() }) + "\\n");
  table.close();
  connection.close();
}
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
`;

interface WriterSummary {
  writerName: string;
  /** Epoch milliseconds before the writer's first and after its last append. */
  startedAt: number;
  finishedAt: number;
}

interface Writer {
  /** Settles once the writer has opened the table; rejects if it ended before that. */
  ready: Promise<void>;
  /** Lets the writer start appending. */
  go(): void;
  /** The writer's summary once it exited cleanly; rejects with its stderr otherwise. */
  finished: Promise<WriterSummary>;
  /** Kills the writer if it still runs. */
  kill(): void;
}

/** Starts one writer process (see {@link writerScript}). */
function startWriter(
  uri: string,
  storageOptions: Record<string, string>,
  tableName: string,
  writerName: string,
): Writer {
  const child = spawn(
    process.execPath,
    [
      "-e",
      writerScript,
      uri,
      JSON.stringify(storageOptions),
      tableName,
      writerName,
      String(appendsPerWriter),
    ],
    { cwd: projectRoot, stdio: ["pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const outputLines: string[] = [];
  let onReady: () => void;
  const openedTable = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line === "ready") onReady();
    else outputLines.push(line);
  });
  const finished = new Promise<WriterSummary>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (code === 0 && outputLines.length > 0) resolve(JSON.parse(outputLines[outputLines.length - 1]));
      else reject(new Error(`Writer ${writerName} ended with ${signal ?? `code ${code}`}:\n${stderr}`));
    });
  });
  return {
    // A writer that dies before "ready" must fail the test rather than leave it waiting.
    ready: Promise.race([
      openedTable,
      finished.then(() => Promise.reject(new Error(`Writer ${writerName} ended before opening the table.`))),
    ]),
    go: () => {
      child.stdin.write("go\n");
    },
    finished,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/**
 * Creates a table with one seed row, has two writer processes append concurrently, and checks that every
 * row landed exactly once and that every append became its own version.
 */
async function checkConcurrentAppends(uri: string, storageOptions: Record<string, string>): Promise<void> {
  const tableName = "concurrent_appends";
  const connection = await lancedb.connect(uri, { storageOptions });
  const writerNames = ["writer-a", "writer-b"];
  let writers: Writer[] = [];
  try {
    const table = await connection.createTable(tableName, [{ id: "seed", writer: "seed", sequence: 0 }]);
    writers = writerNames.map((writerName) => startWriter(uri, storageOptions, tableName, writerName));
    await Promise.all(writers.map((writer) => writer.ready));
    for (const writer of writers) writer.go();
    const summaries = await Promise.all(writers.map((writer) => writer.finished));
    expect(summaries.map((summary) => summary.writerName).sort()).toEqual(writerNames);
    // Otherwise the test would prove nothing about concurrency: each writer must start before the other ends.
    const lastStart = Math.max(...summaries.map((summary) => summary.startedAt));
    const firstFinish = Math.min(...summaries.map((summary) => summary.finishedAt));
    expect(lastStart).toBeLessThan(firstFinish);

    await table.checkoutLatest();
    const expectedIds = [
      "seed",
      ...writerNames.flatMap((writerName) =>
        Array.from({ length: appendsPerWriter }, (_, sequence) => `${writerName}-${sequence}`),
      ),
    ];
    expect(await table.countRows()).toBe(expectedIds.length);
    const rows = (await table.query().select(["id"]).toArray()) as { id: string }[];
    expect(rows.map((row) => row.id).sort()).toEqual([...expectedIds].sort());
    // Version 1 is the creation; a lost or merged commit would show as a missing version.
    expect(await table.version()).toBe(1 + writerNames.length * appendsPerWriter);
    table.close();
  } finally {
    // Only does anything when the test failed half-way; a finished writer has already exited.
    for (const writer of writers) writer.kill();
    connection.close();
  }
}

describe.skipIf(process.env.TEST_CEPH === "off")("throwaway Ceph RADOS Gateway", () => {
  let server: CephRgwServer;
  let storageOptions: Record<string, string>;

  beforeAll(async () => {
    server = await startCephRgw();
    // object_store's S3 option names. Path-style, because the bucket is no DNS name on 127.0.0.1;
    // allow_http, because the gateway speaks plain HTTP.
    storageOptions = {
      endpoint: server.endpoint,
      // Without a region, LanceDB asks the EC2 metadata service (169.254.169.254) for one: a request off
      // this machine, refused here after a delay.
      region: server.region,
      aws_access_key_id: server.accessKeyId,
      aws_secret_access_key: server.secretAccessKey,
      allow_http: "true",
      virtual_hosted_style_request: "false",
    };
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
  }, 30_000);

  it("honours If-None-Match: * on PUT, which LanceDB's commits rely on", async () => {
    const put = (body: string) =>
      sendSignedS3Request(server, {
        method: "PUT",
        bucket: server.bucket,
        key: "conditional/only-once.txt",
        headers: { "If-None-Match": "*" },
        body,
      });
    expect((await put("first")).status).toBe(200);
    expect((await put("second")).status).toBe(412);
    const read = await sendSignedS3Request(server, {
      method: "GET",
      bucket: server.bucket,
      key: "conditional/only-once.txt",
    });
    expect(await read.text()).toBe("first");
  });

  it("lets exactly one of several racing conditional PUTs win", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 8 }, async (_, index) => {
        const response = await sendSignedS3Request(server, {
          method: "PUT",
          bucket: server.bucket,
          key: "conditional/race.txt",
          headers: { "If-None-Match": "*" },
          body: `racer ${index}`,
        });
        await response.body?.cancel();
        return response.status;
      }),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    // Ceph 16 refuses the losers with 412; 409 is what AWS S3 answers a write racing one still in flight.
    expect(
      statuses.filter((status) => status !== 200).every((status) => status === 412 || status === 409),
    ).toBe(true);
  });

  it("shows one connection's LanceDB writes to another that re-reads", async () => {
    const uri = `s3://${server.bucket}/visibility`;
    const writer = await lancedb.connect(uri, { storageOptions });
    // readConsistencyInterval 0: check for a newer version on every read, as a second replica must.
    const reader = await lancedb.connect(uri, { storageOptions, readConsistencyInterval: 0 });
    try {
      const writerTable = await writer.createTable("notes", [{ id: "first", body: "one" }]);
      const readerTable = await reader.openTable("notes");
      expect(await readerTable.countRows()).toBe(1);
      await writerTable.add([{ id: "second", body: "two" }]);
      expect(await readerTable.countRows()).toBe(2);
      expect((await reader.listTables()).tables).toEqual(["notes"]);
      writerTable.close();
      readerTable.close();
    } finally {
      writer.close();
      reader.close();
    }
  });

  it("keeps every row of two LanceDB writer processes appending concurrently", async () => {
    await checkConcurrentAppends(`s3://${server.bucket}/concurrency`, storageOptions);
  }, 120_000);
});

// Needs no Ceph, so it also runs with TEST_CEPH=off; it shows that what holds on S3 holds on disk too.
describe("LanceDB on local disk, for comparison", () => {
  it("keeps every row of two writer processes appending concurrently", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "lancedb-concurrency-"));
    try {
      await checkConcurrentAppends(directory, {});
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 120_000);
});
