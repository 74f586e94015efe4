import "server-only";
import type { DatabaseSync } from "node:sqlite";
import { getDatabase } from "@/lib/db/database";

// Columns the knowledge base added to `documents` after its first release. The shared migrations
// list creates the table; these are added here, once per database, when a data directory predates them.
const addedDocumentColumns: Record<string, string> = {
  title: "TEXT",
  stage_detail: "TEXT",
};

const migrated = new WeakSet<DatabaseSync>();

/** The metadata database with the knowledge base's own columns and state table in place. */
export function getKnowledgeDatabase(): DatabaseSync {
  const database = getDatabase();
  if (migrated.has(database)) return database;
  const columns = database.prepare("PRAGMA table_info(documents)").all() as Array<{ name: string }>;
  const present = new Set(columns.map((column) => column.name));
  for (const [name, type] of Object.entries(addedDocumentColumns)) {
    if (!present.has(name)) database.exec(`ALTER TABLE documents ADD COLUMN ${name} ${type}`);
  }
  database.exec("CREATE TABLE IF NOT EXISTS knowledge_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  migrated.add(database);
  return database;
}

/** A JSON value the knowledge base keeps between restarts (the active index, a re-index). */
export function readKnowledgeState<Value>(key: string): Value | undefined {
  const row = getKnowledgeDatabase().prepare("SELECT value FROM knowledge_state WHERE key = ?").get(key) as
    | { value: string }
    | undefined;
  return row ? (JSON.parse(row.value) as Value) : undefined;
}

/** Stores (or, with undefined, removes) a knowledge-base state value. */
export function writeKnowledgeState(key: string, value: unknown): void {
  const database = getKnowledgeDatabase();
  if (value === undefined) {
    database.prepare("DELETE FROM knowledge_state WHERE key = ?").run(key);
    return;
  }
  database
    .prepare(
      "INSERT INTO knowledge_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )
    .run(key, JSON.stringify(value));
}
