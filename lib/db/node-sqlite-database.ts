import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/**
 * Node's built-in SQLite (`node:sqlite`) in the shape Kysely's SqliteDialect expects. It needs no
 * native addon and adds almost nothing to the app's memory or start-up, which is why the embedded
 * backend is SQLite rather than an embedded PostgreSQL (PGlite: ~400 MB and seconds per cold start).
 */
export function openNodeSqlite(file: string): SqliteDatabase {
  const database = new DatabaseSync(file);
  database.exec("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;");
  // Kysely prepares every query it runs; the same SQL (every span write, say) is compiled once.
  const prepared = new Map<string, SqliteStatement>();
  return {
    close: () => {
      prepared.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = prepared.get(sql);
      if (cached) return cached;
      if (prepared.size >= statementCacheSize) prepared.delete(prepared.keys().next().value as string);
      const statement = wrap(database, sql);
      prepared.set(sql, statement);
      return statement;
    },
  };
}

const statementCacheSize = 500;

function wrap(database: DatabaseSync, sql: string): SqliteStatement {
  const statement = database.prepare(sql);
  const parameters = (values: ReadonlyArray<unknown>) => values.map(toSqliteValue);
  return {
    reader: statement.columns().length > 0,
    all: (values) => statement.all(...parameters(values)),
    run: (values) => statement.run(...parameters(values)),
    iterate: (values) => statement.iterate(...parameters(values)),
  };
}

function toSqliteValue(value: unknown): SQLInputValue {
  if (value === undefined) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  return value as SQLInputValue;
}
