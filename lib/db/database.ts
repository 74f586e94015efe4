import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { Migrator } from "kysely/migration";
import pg from "pg";
import { getEnvironment } from "@/lib/env";
import { migrations } from "./migrations";
import type { Database } from "./schema";
import { StripNulPlugin } from "./strip-nul-plugin";

/** Which server holds the metadata: PostgreSQL by DATABASE_URL, else the embedded SQLite in DATA_DIR. */
export type DatabaseBackend = "postgres" | "sqlite";

interface OpenDatabase {
  database: Kysely<Database>;
  ready: Promise<Kysely<Database>>;
}

// Next.js may load this module once per bundle; the pool (or SQLite connection) must be one per process.
const databaseKey = Symbol.for("agent-team.database");
type GlobalWithDatabase = typeof globalThis & { [databaseKey]?: OpenDatabase };
const processGlobal = globalThis as GlobalWithDatabase;

// BIGINT (counts, sizes, millisecond times) and NUMERIC (sums) arrive from pg as strings; every
// value the app stores fits a double exactly, so they are read as numbers, as SQLite gives them.
const numericTypes = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const postgresTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (numericTypes.has(oid)) return (value: string) => Number(value);
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  },
};

const plugins = [new StripNulPlugin()];

function openDatabase(): OpenDatabase {
  const { DATABASE_URL, DATABASE_POOL_SIZE, dataDirectory } = getEnvironment();
  if (DATABASE_URL) {
    const pool = new pg.Pool({
      connectionString: DATABASE_URL,
      max: DATABASE_POOL_SIZE,
      types: postgresTypes,
      connectionTimeoutMillis: 10_000,
      // A query stuck behind a lock or a dead link fails instead of hanging its request.
      statement_timeout: 30_000,
    });
    // An idle connection that breaks (a restart, a failover, a proxy's timeout) is dropped by the pool;
    // without a listener Node would treat the error as uncaught and stop the server.
    pool.on("error", (error) =>
      console.error("A PostgreSQL connection failed; the pool replaces it.", error),
    );
    const database = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { database, ready: migrate(database) };
  }
  mkdirSync(dataDirectory, { recursive: true });
  const file = path.join(dataDirectory, "metadata.sqlite");
  const database = new Kysely<Database>({
    plugins,
    // Loaded only here: a PostgreSQL deployment never opens (or loads) SQLite.
    dialect: new SqliteDialect({
      database: async () => (await import("./node-sqlite-database")).openNodeSqlite(file),
    }),
  });
  return { database, ready: migrate(database) };
}

/**
 * Runs the migrations not yet applied. On PostgreSQL, Kysely holds an advisory lock meanwhile,
 * so replicas that start together run each migration once.
 */
async function migrate(database: Kysely<Database>): Promise<Kysely<Database>> {
  const migrator = new Migrator({
    db: database,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "schema_migrations",
    migrationLockTableName: "schema_migrations_lock",
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === "Error")?.migrationName;
    throw new Error(
      `The metadata database could not be migrated${failed ? ` (${failed})` : ""}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  return database;
}

/** The metadata database (PostgreSQL or SQLite), migrated before the first query. */
export function getDatabase(): Promise<Kysely<Database>> {
  let current = processGlobal[databaseKey];
  if (!current) {
    const opening = openDatabase();
    current = opening;
    processGlobal[databaseKey] = opening;
    // A database that was not up yet (a replica started before PostgreSQL) is tried again next time.
    opening.ready.catch(() => {
      if (processGlobal[databaseKey] === opening) processGlobal[databaseKey] = undefined;
      void opening.database.destroy();
    });
  }
  return current.ready;
}

/** Closes the database so tests can point DATA_DIR or DATABASE_URL somewhere else. */
export async function closeDatabaseForTests(): Promise<void> {
  const closing = processGlobal[databaseKey];
  processGlobal[databaseKey] = undefined;
  if (!closing) return;
  try {
    await closing.ready;
  } finally {
    await closing.database.destroy();
  }
}
