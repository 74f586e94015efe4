import "server-only";
import { getDatabase } from "@/lib/db/database";

/** A JSON value the knowledge base keeps between restarts (the active index, a re-index). */
export async function readKnowledgeState<Value>(key: string): Promise<Value | undefined> {
  const database = await getDatabase();
  const row = await database
    .selectFrom("knowledge_state")
    .select("value")
    .where("key", "=", key)
    .executeTakeFirst();
  return row ? (JSON.parse(row.value) as Value) : undefined;
}

/** Stores (or, with undefined, removes) a knowledge-base state value. */
export async function writeKnowledgeState(key: string, value: unknown): Promise<void> {
  const database = await getDatabase();
  if (value === undefined) {
    await database.deleteFrom("knowledge_state").where("key", "=", key).execute();
    return;
  }
  await database
    .insertInto("knowledge_state")
    .values({ key, value: JSON.stringify(value) })
    .onConflict((conflict) =>
      conflict.column("key").doUpdateSet((update) => ({ value: update.ref("excluded.value") })),
    )
    .execute();
}
