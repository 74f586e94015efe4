import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { getEnvironment } from "@/lib/env";

/** A SQL statement, or a step that must look at the database first. */
type Migration = string | ((database: DatabaseSync) => void);

/**
 * ADD COLUMN unless the column is there: data directories from before the knowledge base's columns
 * joined this list already have them (the knowledge base used to add its own).
 */
function addColumn(table: string, column: string, type: string): Migration {
  return (opened) => {
    const columns = opened.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
    if (!columns.some(({ name }) => name === column)) {
      opened.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
    }
  };
}

const migrations: Migration[] = [
  `CREATE TABLE IF NOT EXISTS documents (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     media_type TEXT NOT NULL,
     size INTEGER NOT NULL,
     content_hash TEXT NOT NULL UNIQUE,
     status TEXT NOT NULL,
     stage TEXT,
     progress REAL NOT NULL DEFAULT 0,
     chunks INTEGER NOT NULL DEFAULT 0,
     pages INTEGER,
     error TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS chats (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     messages TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS traces (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     chat_id TEXT,
     status TEXT NOT NULL,
     start_time REAL NOT NULL,
     end_time REAL,
     input TEXT
   )`,
  `CREATE TABLE IF NOT EXISTS spans (
     id TEXT PRIMARY KEY,
     trace_id TEXT NOT NULL,
     parent_id TEXT,
     name TEXT NOT NULL,
     kind TEXT NOT NULL,
     start_time REAL NOT NULL,
     end_time REAL,
     status TEXT NOT NULL,
     attributes TEXT NOT NULL
   )`,
  "CREATE INDEX IF NOT EXISTS spans_by_trace ON spans (trace_id, start_time)",
  `CREATE TABLE IF NOT EXISTS images (
     id TEXT PRIMARY KEY,
     file_name TEXT NOT NULL,
     media_type TEXT NOT NULL,
     prompt TEXT NOT NULL,
     model TEXT NOT NULL,
     size TEXT NOT NULL,
     offline INTEGER NOT NULL,
     trace_id TEXT,
     chat_id TEXT,
     created_at INTEGER NOT NULL
   )`,
  "CREATE INDEX IF NOT EXISTS traces_by_start ON traces (start_time)",
  // The words the image agent was asked for, beside `prompt` (the refined prompt the model drew).
  "ALTER TABLE images ADD COLUMN request TEXT",
  "CREATE INDEX IF NOT EXISTS images_by_creation ON images (created_at)",
  // A document's title (from its metadata or first heading) and the detail of its current stage.
  addColumn("documents", "title", "TEXT"),
  addColumn("documents", "stage_detail", "TEXT"),
  // JSON values the knowledge base keeps between restarts (the active index, a re-index).
  "CREATE TABLE IF NOT EXISTS knowledge_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
];

// Each database records how many migrations it has run (SQLite's user_version), so statements
// that cannot be repeated, such as ADD COLUMN, run exactly once. The list is append-only.
function migrate(opened: DatabaseSync): void {
  opened.exec("BEGIN IMMEDIATE");
  try {
    const { user_version: applied } = opened.prepare("PRAGMA user_version").get() as { user_version: number };
    for (const migration of migrations.slice(applied)) {
      if (typeof migration === "string") opened.exec(migration);
      else migration(opened);
    }
    opened.exec(`PRAGMA user_version = ${migrations.length}`);
    opened.exec("COMMIT");
  } catch (error) {
    opened.exec("ROLLBACK");
    throw error;
  }
}

let database: DatabaseSync | undefined;
let statements = new Map<string, StatementSync>();

/** The one embedded metadata database (SQLite in DATA_DIR), migrated on first use. */
export function getDatabase(): DatabaseSync {
  if (database) return database;
  const { dataDirectory } = getEnvironment();
  mkdirSync(dataDirectory, { recursive: true });
  const opened = new DatabaseSync(path.join(dataDirectory, "metadata.sqlite"));
  opened.exec("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;");
  migrate(opened);
  database = opened;
  return opened;
}

/** Closes the database so tests can point DATA_DIR somewhere else. */
export function closeDatabaseForTests(): void {
  database?.close();
  database = undefined;
  statements = new Map();
}

/**
 * A prepared statement of the metadata database, compiled once and reused: hot paths (every
 * trace span is written as it starts and ends) would otherwise recompile their SQL each time.
 */
export function prepareStatement(sql: string): StatementSync {
  const connection = getDatabase();
  let statement = statements.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
