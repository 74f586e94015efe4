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

/**
 * Replaces a state value only if it still is `expected` (undefined: only if there is none), so two
 * servers racing for the same state cannot both win; returns whether this call did. `next`
 * undefined removes the value.
 */
export async function replaceKnowledgeState(key: string, expected: unknown, next: unknown): Promise<boolean> {
  const database = await getDatabase();
  if (expected === undefined) {
    if (next === undefined) return (await readKnowledgeState(key)) === undefined;
    const inserted = await database
      .insertInto("knowledge_state")
      .values({ key, value: JSON.stringify(next) })
      .onConflict((conflict) => conflict.column("key").doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const expectedValue = JSON.stringify(expected);
  if (next === undefined) {
    const deleted = await database
      .deleteFrom("knowledge_state")
      .where("key", "=", key)
      .where("value", "=", expectedValue)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) === 1;
  }
  const updated = await database
    .updateTable("knowledge_state")
    .set({ value: JSON.stringify(next) })
    .where("key", "=", key)
    .where("value", "=", expectedValue)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
