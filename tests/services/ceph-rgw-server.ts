// A throwaway single-node Ceph cluster with the RADOS Gateway (S3 API) for tests: one monitor, one OSD
// on memstore (RAM, no disk) and one radosgw, all on loopback, all in a fresh temp dir with its own
// ceph.conf, and guarded by a watchdog so a killed test run cannot leak the daemons.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import { closeSync, openSync } from "node:fs";
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import {
  describeCommandError,
  findFreePorts,
  installDebianPackages,
  stopWatchdog,
} from "./service-processes.ts";

const execFileAsync = promisify(execFile);

/** The programs the cluster needs and the Debian 12 package that ships each (Ceph 16, "Pacific"). */
const requiredPrograms = [
  { program: "/usr/bin/ceph-mon", debianPackage: "ceph-mon" },
  { program: "/usr/bin/ceph-osd", debianPackage: "ceph-osd" },
  { program: "/usr/bin/radosgw", debianPackage: "radosgw" },
  { program: "/usr/bin/monmaptool", debianPackage: "ceph-base" },
  { program: "/usr/bin/ceph", debianPackage: "ceph-common" },
  { program: "/usr/bin/radosgw-admin", debianPackage: "ceph-common" },
];

/** How long start-up may take before it is reported as failed; on a 2-core machine it takes about 2 s. */
const startTimeoutMilliseconds = 90_000;

/** Where an S3 client should send its requests, and with which credentials. */
export interface S3Endpoint {
  /** Base URL of the gateway, `http://127.0.0.1:<port>`; use path-style addressing (`/<bucket>/<key>`). */
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Region to sign requests for. The gateway accepts any; this is the one the bucket was made with. */
  region: string;
}

/** A running throwaway cluster, with an S3 user and an empty bucket already made. */
export interface CephRgwServer extends S3Endpoint {
  /** An empty bucket owned by the user whose keys are above. */
  bucket: string;
  /** Kills the daemons and deletes the cluster's temp dir; safe to call more than once. */
  stop(): Promise<void>;
}

/** One S3 request for {@link sendSignedS3Request}. */
export interface SignedS3Request {
  method: "GET" | "HEAD" | "PUT" | "POST" | "DELETE";
  bucket: string;
  /** Object key; omit for a request on the bucket itself. */
  key?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/**
 * Starts a fresh single-node Ceph cluster with radosgw on a free 127.0.0.1 port, installing Debian's Ceph
 * packages first if they are missing, then creates an S3 user with generated keys and an empty bucket.
 * Nothing touches /etc/ceph or /var/lib/ceph. If this process dies without calling `stop()`, a detached
 * watchdog kills the daemons and deletes the temp dir within about a second.
 */
export async function startCephRgw(): Promise<CephRgwServer> {
  await ensureCephInstalled();
  const directory = await mkdtemp(path.join(tmpdir(), "ceph-rgw-"));
  // Armed before any daemon starts so that even a crash half-way through start-up leaves nothing behind.
  const watchdogPid = startWatchdog(directory);
  const daemons: Daemon[] = [];

  const removeEverything = async (): Promise<void> => {
    try {
      await killDaemons(daemons);
    } finally {
      try {
        await rm(directory, { recursive: true, force: true });
      } finally {
        stopWatchdog(watchdogPid);
      }
    }
  };

  try {
    const server = await startCluster(directory, daemons);
    let stopping: Promise<void> | undefined;
    return {
      ...server,
      stop: () => {
        stopping ??= removeEverything();
        return stopping;
      },
    };
  } catch (error) {
    // The logs go into the message because the temp dir holding them is deleted just below.
    const startError = new Error(
      `Ceph RGW failed to start: ${error instanceof Error ? error.message : String(error)}\n${await readLogTails(directory)}`,
      { cause: error },
    );
    // Report a failing clean-up too, but never instead of the start-up failure that caused it.
    await removeEverything().catch((cleanupError: unknown) => {
      throw new AggregateError([startError, cleanupError], "Ceph RGW failed to start, then to clean up.");
    });
    throw startError;
  }
}

/**
 * Sends one S3 request signed with AWS Signature Version 4 (path-style, payload hash signed), so tests can
 * talk to the gateway without an AWS SDK. Returns the raw response; non-2xx statuses are not thrown.
 */
export async function sendSignedS3Request(endpoint: S3Endpoint, request: SignedS3Request): Promise<Response> {
  const baseUrl = new URL(endpoint.endpoint);
  const canonicalPath = `/${encodeRfc3986(request.bucket)}${
    request.key === undefined ? "" : `/${request.key.split("/").map(encodeRfc3986).join("/")}`
  }`;
  const canonicalQuery = Object.entries(request.query ?? {})
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)])
    .sort(([first], [second]) => (first < second ? -1 : first > second ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  // Copied into a fresh ArrayBuffer-backed array, the only kind of Uint8Array fetch's types take as a body.
  const body = new Uint8Array(
    typeof request.body === "string" ? Buffer.from(request.body) : (request.body ?? []),
  );
  const payloadHash = sha256Hex(body);
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
  const dateStamp = amzDate.slice(0, 8);

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {}))
    headers[name.toLowerCase()] = value.trim();
  // fetch sets Host from the URL itself, so what is signed here is what is sent.
  headers.host = baseUrl.host;
  headers["x-amz-content-sha256"] = payloadHash;
  headers["x-amz-date"] = amzDate;
  const signedHeaderNames = Object.keys(headers).sort();
  const canonicalRequest = [
    request.method,
    canonicalPath,
    canonicalQuery,
    signedHeaderNames.map((name) => `${name}:${headers[name]}\n`).join(""),
    signedHeaderNames.join(";"),
    payloadHash,
  ].join("\n");
  const scope = `${dateStamp}/${endpoint.region}/s3/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  let signingKey: Buffer = Buffer.from(`AWS4${endpoint.secretAccessKey}`);
  for (const part of [dateStamp, endpoint.region, "s3", "aws4_request"])
    signingKey = hmacSha256(signingKey, part);
  const signature = createHmac("sha256", signingKey).update(stringToSign).digest("hex");

  const { host: _host, ...sentHeaders } = headers;
  return fetch(`${baseUrl.origin}${canonicalPath}${canonicalQuery ? `?${canonicalQuery}` : ""}`, {
    method: request.method,
    headers: {
      ...sentHeaders,
      authorization: `AWS4-HMAC-SHA256 Credential=${endpoint.accessKeyId}/${scope}, SignedHeaders=${signedHeaderNames.join(";")}, Signature=${signature}`,
    },
    body: request.method === "GET" || request.method === "HEAD" ? undefined : body,
  });
}

let installation: Promise<void> | undefined;

/**
 * Installs Debian's Ceph packages when one of the programs is missing, like scripts/ensure-chromium.mjs
 * does for Chromium. Exported so a Vitest global setup can do it once, before test files start their
 * clusters with shorter timeouts.
 */
export function ensureCephInstalled(): Promise<void> {
  installation ??= installDebianPackages(requiredPrograms, { noRecommends: true });
  return installation;
}

/** A daemon this module spawned, with how it ended once it has. */
interface Daemon {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
  exitDescription?: string;
}

/** Brings up mon, OSD and radosgw in `directory`, then makes the S3 user and bucket. */
async function startCluster(directory: string, daemons: Daemon[]): Promise<Omit<CephRgwServer, "stop">> {
  const deadline = Date.now() + startTimeoutMilliseconds;
  const configurationPath = path.join(directory, "ceph.conf");
  const fsid = randomUUID();
  // Another process may take a port between this probe and the daemon's bind; the daemon then exits
  // and the error says so. That is rare enough on a test machine not to be worth a retry loop.
  const [monitorPort, gatewayPort] = await findFreePorts(2);
  for (const subdirectory of ["mon.a", "osd.0", "run", "log", "crash", "rgw"]) {
    await mkdir(path.join(directory, subdirectory));
  }
  await writeFile(configurationPath, cephConfiguration(directory, fsid, monitorPort, gatewayPort));
  const withConfiguration = ["--conf", configurationPath];

  const monitorMap = path.join(directory, "monmap");
  await runCommand("monmaptool", [
    "--create",
    "--fsid",
    fsid,
    "--addv",
    "a",
    `[v2:127.0.0.1:${monitorPort}]`,
    monitorMap,
  ]);
  await runCommand("ceph-mon", [...withConfiguration, "--mkfs", "-i", "a", "--monmap", monitorMap]);
  daemons.push(await spawnDaemon(directory, "mon.a", "ceph-mon", [...withConfiguration, "-f", "-i", "a"]));

  // `ceph osd new` waits for the monitor to come up, so no separate wait is needed.
  const osdUuid = randomUUID();
  const osdId = (
    await runCommand("ceph", [...withConfiguration, "--connect-timeout", "30", "osd", "new", osdUuid])
  ).trim();
  if (osdId !== "0") throw new Error(`Expected the first OSD to get id 0, got ${JSON.stringify(osdId)}.`);
  await runCommand("ceph-osd", [...withConfiguration, "--mkfs", "-i", osdId, "--osd-uuid", osdUuid]);
  daemons.push(await spawnDaemon(directory, "osd.0", "ceph-osd", [...withConfiguration, "-f", "-i", osdId]));
  // Started without waiting for the OSD: radosgw waits for its pools itself, so the two boot in parallel.
  daemons.push(
    await spawnDaemon(directory, "client.rgw", "radosgw", [
      ...withConfiguration,
      "-f",
      "--name",
      "client.rgw",
    ]),
  );

  const endpoint = `http://127.0.0.1:${gatewayPort}`;
  // radosgw opens its port only once its pools and zone exist, so any HTTP answer means it is ready.
  while (!(await answersHttp(endpoint))) {
    const exitedDaemon = daemons.find((daemon) => daemon.exitDescription !== undefined);
    if (exitedDaemon) {
      throw new Error(
        `${exitedDaemon.name} ${exitedDaemon.exitDescription} before radosgw answered on ${endpoint}.`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(`radosgw did not answer on ${endpoint} within ${startTimeoutMilliseconds / 1000} s.`);
    }
    await sleep(200);
  }

  const accessKeyId = `TEST${randomBytes(8).toString("hex").toUpperCase()}`;
  const secretAccessKey = randomBytes(30).toString("base64url");
  await runCommand("radosgw-admin", [
    ...withConfiguration,
    "user",
    "create",
    "--uid",
    "tester",
    "--display-name",
    "Test user",
    "--access-key",
    accessKeyId,
    "--secret-key",
    secretAccessKey,
  ]);
  const server = { endpoint, accessKeyId, secretAccessKey, region: "us-east-1", bucket: "test-bucket" };
  const response = await sendSignedS3Request(server, { method: "PUT", bucket: server.bucket });
  if (!response.ok) {
    throw new Error(`Creating bucket ${server.bucket} failed: ${response.status} ${await response.text()}`);
  }
  return server;
}

/** ceph.conf for a one-host, one-copy, in-memory cluster whose files all live under `directory`. */
function cephConfiguration(
  directory: string,
  fsid: string,
  monitorPort: number,
  gatewayPort: number,
): string {
  return `# Written by tests/services/ceph-rgw-server.ts for a throwaway test cluster.
[global]
fsid = ${fsid}
mon host = [v2:127.0.0.1:${monitorPort}]
# Every daemon binds loopback only, and speaks only msgr2, so no port 6789 is taken.
public addr = 127.0.0.1
ms bind msgr1 = false
# No auth: nothing but this machine can reach the daemons, and it saves making keyrings.
auth cluster required = none
auth service required = none
auth client required = none
# radosgw defaults the monitor connection to "secure", which needs cephx; with no auth it then cannot connect.
ms mon client mode = crc
# Paths that would otherwise point into /var/run/ceph, /var/log/ceph and /var/lib/ceph.
run dir = ${directory}/run
admin socket = ${directory}/run/$name.asok
log file = ${directory}/log/$name.log
crash dir = ${directory}/crash
keyring = ${directory}/keyring
mon data = ${directory}/mon.$id
osd data = ${directory}/osd.$id
rgw data = ${directory}/rgw
# A full disk elsewhere on the machine must not stop the monitor (it shuts down below 5 % by default).
mon data avail crit = 0
mon data avail warn = 1
# One OSD: one copy of everything, placement across OSDs rather than hosts, few placement groups.
mon allow pool size one = true
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
# The OSD keeps objects in RAM: fast, nothing to clean on disk, and the cap keeps a runaway test small.
osd objectstore = memstore
memstore device bytes = ${1024 * 1024 * 1024}
# The monitor commits each change after this delay (1 s by default); shorter makes pool creation quicker.
paxos propose interval = 0.1
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:${gatewayPort}
# Threads cost memory and a test sends a handful of requests at a time (the default is 512).
rgw thread pool size = 32
`;
}

/**
 * Spawns a daemon in the foreground (`-f`), its output appended to log/<name>.out, and records its pid
 * for the watchdog. Unref'd so that a test process that forgot `stop()` can still exit (the watchdog then
 * cleans up).
 */
async function spawnDaemon(
  directory: string,
  name: string,
  program: string,
  args: string[],
): Promise<Daemon> {
  const outputFile = openSync(path.join(directory, "log", `${name}.out`), "a");
  let child: ChildProcess;
  try {
    child = spawn(program, args, { stdio: ["ignore", outputFile, outputFile] });
  } finally {
    // The child has its own copy of the descriptor by now.
    closeSync(outputFile);
  }
  const daemon: Daemon = {
    name,
    child,
    exited: new Promise((resolve) => {
      child.once("error", (error) => {
        daemon.exitDescription = `could not be started (${error.message})`;
        resolve();
      });
      child.once("exit", (code, signal) => {
        daemon.exitDescription = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        resolve();
      });
    }),
  };
  child.unref();
  if (child.pid !== undefined) await appendFile(path.join(directory, "daemon-pids"), `${child.pid}\n`);
  return daemon;
}

/**
 * SIGKILLs every daemon still running and waits for each to go. No graceful shutdown: the data is thrown
 * away anyway, and a memstore OSD would spend its shutdown writing its whole store to disk.
 */
async function killDaemons(daemons: Daemon[]): Promise<void> {
  for (const daemon of daemons) {
    if (daemon.exitDescription !== undefined) continue;
    // Ref'd again so that the process stays alive until the exit is seen (spawnDaemon unref'd it).
    daemon.child.ref();
    daemon.child.kill("SIGKILL");
  }
  // Unref'd so that this timer never keeps a finished test process alive for its full 10 s.
  const timeout = sleep(10_000, "timeout" as const, { ref: false });
  for (const daemon of daemons) {
    if ((await Promise.race([daemon.exited.then(() => "exited" as const), timeout])) === "timeout") {
      throw new Error(`${daemon.name} (pid ${daemon.child.pid}) did not exit within 10 s of SIGKILL.`);
    }
  }
}

/**
 * Spawns a detached shell that polls this process twice a second and, once it is gone, SIGKILLs the
 * daemons listed in daemon-pids and deletes the temp dir. A pid is killed only while its command line still
 * names the temp dir, so a pid reused by an unrelated process is left alone. Detached so it survives our
 * death and a signal to our process group.
 */
function startWatchdog(directory: string): number {
  const script = [
    'parent="$1"; directory="$2"',
    // Not `kill -0`: a killed parent stays a zombie until init reaps it, which here can take seconds.
    'while [ -r "/proc/$parent/status" ] && ! grep -q "^State:[[:space:]]*Z" "/proc/$parent/status"; do',
    "  sleep 0.5",
    "done",
    'if [ -f "$directory/daemon-pids" ]; then',
    '  for pid in $(cat "$directory/daemon-pids"); do',
    '    if grep -qF -- "$directory" "/proc/$pid/cmdline" 2>/dev/null; then kill -9 "$pid"; fi',
    "  done",
    "fi",
    'rm -rf "$directory"',
  ].join("\n");
  const child = spawn("sh", ["-c", script, "ceph-rgw-watchdog", String(process.pid), directory], {
    detached: true,
    stdio: "ignore",
  });
  // Otherwise the open handle would keep a finished test process alive.
  child.unref();
  if (child.pid === undefined) throw new Error("Could not spawn the Ceph RGW watchdog shell.");
  return child.pid;
}

/** Runs a Ceph command-line tool to completion and returns its stdout. */
async function runCommand(program: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(program, args, { timeout: 60_000 });
    return stdout;
  } catch (error) {
    throw new Error(`${program} ${args.join(" ")} failed: ${describeCommandError(error)}`, { cause: error });
  }
}

/** Whether anything answers HTTP at `url`; a refused connection means not yet. */
async function answersHttp(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return true;
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === "ECONNREFUSED" || code === "ECONNRESET" || (error as Error).name === "TimeoutError")
      return false;
    throw error;
  }
}

/** The last lines of every daemon log and output file, for an error message. */
async function readLogTails(directory: string, lineCount = 25): Promise<string> {
  const logDirectory = path.join(directory, "log");
  let names: string[];
  try {
    names = (await readdir(logDirectory)).sort();
  } catch (error) {
    return `(no daemon logs: ${error instanceof Error ? error.message : String(error)})`;
  }
  const sections: string[] = [];
  for (const name of names) {
    const text = (await readFile(path.join(logDirectory, name), "utf8")).trimEnd();
    if (text === "") continue;
    sections.push(`--- ${name} (tail) ---\n${text.split("\n").slice(-lineCount).join("\n")}`);
  }
  return sections.length > 0 ? sections.join("\n") : "(the daemon logs are empty)";
}

/** The command line and its full output; execFile's own message has only the stderr. */
function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmacSha256(key: Uint8Array, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

/** Percent-encodes everything but RFC 3986's unreserved characters, as SigV4 requires. */
function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The app's variables that put its stored files and LanceDB tables under `s3://<bucket>/<prefix>` on this gateway. */
export function objectStorageEnvironment(server: CephRgwServer, prefix: string): Record<string, string> {
  return {
    STORAGE_URL: `s3://${server.bucket}/${prefix}`,
    AWS_ENDPOINT_URL: server.endpoint,
    AWS_ACCESS_KEY_ID: server.accessKeyId,
    AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
    AWS_REGION: server.region,
    AWS_ALLOW_HTTP: "true",
  };
}
