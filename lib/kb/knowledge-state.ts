import "server-only";
import { prepareStatement } from "@/lib/db/database";

/** A JSON value the knowledge base keeps between restarts (the active index, a re-index). */
export function readKnowledgeState<Value>(key: string): Value | undefined {
  const row = prepareStatement("SELECT value FROM knowledge_state WHERE key = ?").get(key) as
    | { value: string }
    | undefined;
  return row ? (JSON.parse(row.value) as Value) : undefined;
}

/** Stores (or, with undefined, removes) a knowledge-base state value. */
export function writeKnowledgeState(key: string, value: unknown): void {
  if (value === undefined) {
    prepareStatement("DELETE FROM knowledge_state WHERE key = ?").run(key);
    return;
  }
  prepareStatement(
    "INSERT INTO knowledge_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  ).run(key, JSON.stringify(value));
}
