// A throwaway PostgreSQL 15 server for tests: a fresh cluster in a temp dir on a free loopback port,
// tuned for speed over durability, and guarded by a watchdog so a killed test run cannot leak it.
import { execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import {
  describeCommandError,
  findFreePorts,
  installDebianPackages,
  runsAsRoot,
  stopWatchdog,
} from "./service-processes.ts";

const execFileAsync = promisify(execFile);

/** Debian's PostgreSQL 15 binaries (package postgresql-15); other versions would change test behaviour. */
const postgresBinDirectory = "/usr/lib/postgresql/15/bin";
const initdbPath = path.join(postgresBinDirectory, "initdb");
const pgCtlPath = path.join(postgresBinDirectory, "pg_ctl");

/** A running throwaway server. */
export interface PostgresServer {
  /** Superuser connection URL, `postgres://postgres@127.0.0.1:<port>/postgres` (trust auth, no password). */
  url: string;
  /** The loopback TCP port the server listens on. */
  port: number;
  /** Stops the server immediately (no checkpoint) and deletes its data; safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Starts a fresh PostgreSQL 15 server on a free 127.0.0.1 port, installing Debian's postgresql-15 first
 * if it is missing. The cluster lives in a new temp dir and is gone after `stop()`; if this process dies
 * without calling `stop()`, a detached watchdog stops the server and deletes the dir within about a second.
 */
export async function startPostgres(): Promise<PostgresServer> {
  await ensurePostgresInstalled();
  const temporaryDirectory = await mkdtemp(path.join(tmpdir(), "postgres-test-"));
  const dataDirectory = path.join(temporaryDirectory, "data");
  const logPath = path.join(temporaryDirectory, "postgres.log");
  // mkdtemp makes a 0700 dir owned by us; initdb and the server run as postgres and must write in it.
  if (runsAsRoot()) await execFileAsync("chown", ["postgres:postgres", temporaryDirectory]);
  // Armed before initdb so that even a crash half-way through start-up leaves nothing behind.
  const watchdog = startWatchdog(temporaryDirectory, dataDirectory);

  const removeEverything = async (): Promise<void> => {
    try {
      if (existsSync(path.join(dataDirectory, "postmaster.pid"))) {
        await runAsPostgres(pgCtlPath, ["-D", dataDirectory, "-m", "immediate", "stop"], temporaryDirectory);
      }
    } finally {
      try {
        await rm(temporaryDirectory, { recursive: true, force: true });
      } finally {
        stopWatchdog(watchdog);
      }
    }
  };

  try {
    await runAsPostgres(
      initdbPath,
      [
        "-D",
        dataDirectory,
        "-A",
        "trust",
        "-U",
        "postgres",
        "--no-sync",
        "-E",
        "UTF8",
        // Fixed rather than taken from LANG, which may name a locale this machine lacks; C.UTF-8 is
        // built into Debian's glibc and sorts like C.
        "--locale=C.UTF-8",
        "--no-instructions",
      ],
      temporaryDirectory,
    ).catch((error: unknown) => {
      // The usual cause is a TMPDIR that the postgres OS user cannot enter (under /root, say).
      throw new Error(
        `initdb failed in ${temporaryDirectory} (the postgres OS user must be able to enter it): ${describeCommandError(error)}`,
        { cause: error },
      );
    });
    // In postgresql.conf rather than on pg_ctl's -o, which goes through a shell and would need quoting.
    // Durability settings are off because the data is thrown away anyway; that makes writes much faster.
    await appendFile(
      path.join(dataDirectory, "postgresql.conf"),
      [
        "",
        "# Added by tests/services/postgres-server.ts",
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${temporaryDirectory.replaceAll("'", "''")}'`,
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "max_connections = 200",
        "",
      ].join("\n"),
    );
    const port = await startOnFreePort(dataDirectory, logPath, temporaryDirectory);
    let stopping: Promise<void> | undefined;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      port,
      stop: () => {
        stopping ??= removeEverything();
        return stopping;
      },
    };
  } catch (error) {
    // Report a failing clean-up too, but never instead of the start-up failure that caused it.
    await removeEverything().catch((cleanupError: unknown) => {
      throw new AggregateError([error, cleanupError], "PostgreSQL failed to start, then to clean up.");
    });
    throw error;
  }
}

/**
 * Creates a new, empty database on the server at `adminUrl` (a superuser URL such as the one from
 * `startPostgres`) and returns its URL, so each test file can work in isolation. `name` defaults to a
 * random `test_<hex>`; it must be a lowercase SQL identifier.
 */
export async function createTestDatabase(adminUrl: string, name?: string): Promise<string> {
  const databaseName = name ?? `test_${randomUUID().replaceAll("-", "")}`;
  // Checked rather than escaped so the name also works unquoted in the URL and in psql.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseName)) {
    throw new Error(`Invalid test database name ${JSON.stringify(databaseName)}: use [a-z_][a-z0-9_]*.`);
  }
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${databaseName}"`);
  } finally {
    await client.end();
  }
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${databaseName}`;
  return databaseUrl.toString();
}

let installation: Promise<void> | undefined;

/** Installs Debian's postgresql-15 when initdb is missing. */
function ensurePostgresInstalled(): Promise<void> {
  installation ??= installDebianPackages([{ program: initdbPath, debianPackage: "postgresql-15" }]);
  return installation;
}

/**
 * Starts the server with pg_ctl on a port the kernel just handed out. Another process can grab that port
 * between our probe and the server's bind, so a bind failure is retried with a fresh port.
 */
async function startOnFreePort(
  dataDirectory: string,
  logPath: string,
  workingDirectory: string,
): Promise<number> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    const [port] = await findFreePorts(1);
    try {
      await runAsPostgres(
        pgCtlPath,
        ["-D", dataDirectory, "-l", logPath, "-w", "-t", "30", "-o", `-p ${port}`, "start"],
        workingDirectory,
      );
      return port;
    } catch (error) {
      const logTail = await readLogTail(logPath);
      if (attempt < attempts && logTail.includes("Address already in use")) continue;
      throw new Error(
        `pg_ctl start failed on port ${port}: ${describeCommandError(error)}\n--- ${logPath} (tail) ---\n${logTail}`,
        { cause: error },
      );
    }
  }
}

/**
 * Spawns a detached shell that polls this process every second and, once it is gone, stops the server
 * and deletes the temp dir. Detached so it survives our death and a signal to our process group.
 */
function startWatchdog(temporaryDirectory: string, dataDirectory: string): number {
  const script = [
    'parent="$1"; directory="$2"; shift 2',
    'while kill -0 "$parent" 2>/dev/null; do sleep 1; done',
    // "$@" is the pg_ctl stop command; it fails harmlessly when the server never started.
    '"$@" >/dev/null 2>&1',
    'rm -rf "$directory"',
  ].join("\n");
  const stopCommand = [...postgresUserPrefix(), pgCtlPath, "-D", dataDirectory, "-m", "immediate", "stop"];
  const child = spawn(
    "sh",
    ["-c", script, "postgres-watchdog", String(process.pid), temporaryDirectory, ...stopCommand],
    // The cwd must stay readable by the postgres user, which pg_ctl needs.
    { detached: true, stdio: "ignore", cwd: temporaryDirectory },
  );
  // Otherwise the open handle would keep a finished test process alive.
  child.unref();
  if (child.pid === undefined) throw new Error("Could not spawn the PostgreSQL watchdog shell.");
  return child.pid;
}

/** initdb and the server refuse to run as root, so as root we switch to the postgres OS user. */
function postgresUserPrefix(): string[] {
  return runsAsRoot() ? ["runuser", "-u", "postgres", "--"] : [];
}

async function runAsPostgres(command: string, args: string[], workingDirectory: string): Promise<void> {
  const [executable, ...prefixArguments] = [...postgresUserPrefix(), command];
  await execFileAsync(executable, [...prefixArguments, ...args], { cwd: workingDirectory });
}

/** The command line and its full output; execFile's own message has only the stderr. */
async function readLogTail(logPath: string, lineCount = 30): Promise<string> {
  try {
    return (await readFile(logPath, "utf8")).trimEnd().split("\n").slice(-lineCount).join("\n");
  } catch (error) {
    return `(could not read the log: ${error instanceof Error ? error.message : String(error)})`;
  }
}
