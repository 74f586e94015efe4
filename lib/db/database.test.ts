import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Kysely, PostgresDialect, sql } from "kysely";
import { Migrator } from "kysely/migration";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getEnvironment } from "@/lib/env";
import { databaseBackends, useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { closeDatabaseForTests, getDatabase } from "./database";
import { migrations } from "./migrations";

async function columnsOf(table: string): Promise<string[]> {
  const database = await getDatabase();
  const tables = await database.introspection.getTables();
  return tables.find((candidate) => candidate.name === table)?.columns.map((column) => column.name) ?? [];
}

async function appliedMigrations(): Promise<string[]> {
  const database = await getDatabase();
  const rows = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(
    database,
  );
  return rows.rows.map((row) => row.name);
}

describe.each(databaseBackends)("metadata database migrations on %s", (backend) => {
  useTemporaryDataDirectory({}, backend);

  it("runs each migration once, so reopening keeps what was stored", async () => {
    expect(await columnsOf("images")).toContain("request");
    expect(await columnsOf("spans")).toEqual(
      expect.arrayContaining(["agent_name", "sequence", "error_message"]),
    );
    expect(await appliedMigrations()).toEqual(Object.keys(migrations));
    const stored = { key: "kept", value: '"across a restart"' };
    await (await getDatabase()).insertInto("knowledge_state").values(stored).execute();
    await closeDatabaseForTests();
    expect(await appliedMigrations()).toEqual(Object.keys(migrations));
    expect(await (await getDatabase()).selectFrom("knowledge_state").selectAll().execute()).toEqual([stored]);
  });

  it("stores and reads every column type the stores use", async () => {
    const database = await getDatabase();
    const huge = Date.UTC(2200, 0, 1);
    await database
      .insertInto("documents")
      .values({
        id: "d",
        name: "a.md",
        title: null,
        media_type: "text/markdown",
        size: 5_000_000_000,
        content_hash: "h",
        status: "ready",
        stage: null,
        stage_detail: null,
        progress: 0.25,
        chunks: 3,
        pages: null,
        error: null,
        created_at: huge,
        updated_at: huge,
      })
      .execute();
    expect(
      await database.selectFrom("documents").select(["size", "progress", "created_at"]).execute(),
    ).toEqual([{ size: 5_000_000_000, progress: 0.25, created_at: huge }]);
  });
});

describe("metadata database migrations on postgres, from two replicas at once", () => {
  useTemporaryDataDirectory({}, "postgres");

  it("applies each migration exactly once when two processes start together", async () => {
    const url = getEnvironment().DATABASE_URL;
    const replicas = [1, 2].map(
      () =>
        new Kysely<unknown>({
          dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
        }),
    );
    try {
      const outcomes = await Promise.all(
        replicas.map((replica) =>
          new Migrator({
            db: replica,
            provider: { getMigrations: async () => migrations },
            migrationTableName: "schema_migrations",
            migrationLockTableName: "schema_migrations_lock",
          }).migrateToLatest(),
        ),
      );
      for (const outcome of outcomes) expect(outcome.error).toBeUndefined();
      const applied = outcomes
        .flatMap((outcome) => outcome.results ?? [])
        .filter((result) => result.status === "Success");
      expect(applied.map((result) => result.migrationName).sort()).toEqual(Object.keys(migrations).sort());
    } finally {
      await Promise.all(replicas.map((replica) => replica.destroy()));
    }
    expect(await appliedMigrations()).toEqual(Object.keys(migrations));
  });
});

describe("an embedded database from before the typed data layer", () => {
  useTemporaryDataDirectory();

  it("is brought up to date, keeping its rows", async () => {
    const file = path.join(getEnvironment().dataDirectory, "metadata.sqlite");
    const old = new DatabaseSync(file);
    old.exec(`CREATE TABLE images (id TEXT PRIMARY KEY, file_name TEXT NOT NULL, media_type TEXT NOT NULL,
      prompt TEXT NOT NULL, model TEXT NOT NULL, size TEXT NOT NULL, offline INTEGER NOT NULL,
      trace_id TEXT, chat_id TEXT, created_at INTEGER NOT NULL)`);
    old.exec(
      "INSERT INTO images VALUES ('old', 'old.png', 'image/png', 'a fox', 'm', '1x1', 1, NULL, NULL, 1)",
    );
    old.exec(`CREATE TABLE documents (id TEXT PRIMARY KEY, name TEXT NOT NULL, media_type TEXT NOT NULL,
      size INTEGER NOT NULL, content_hash TEXT NOT NULL UNIQUE, status TEXT NOT NULL, stage TEXT,
      progress REAL NOT NULL DEFAULT 0, chunks INTEGER NOT NULL DEFAULT 0, pages INTEGER, error TEXT,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, title TEXT)`);
    old.exec(
      "INSERT INTO documents (id, name, media_type, size, content_hash, status, created_at, updated_at, title) VALUES ('d', 'a.md', 'text/markdown', 1, 'h', 'ready', 1, 1, 'A')",
    );
    old.exec(`CREATE TABLE spans (id TEXT PRIMARY KEY, trace_id TEXT NOT NULL, parent_id TEXT, name TEXT NOT NULL,
      kind TEXT NOT NULL, start_time REAL NOT NULL, end_time REAL, status TEXT NOT NULL, attributes TEXT NOT NULL)`);
    old.exec(`INSERT INTO spans VALUES ('s', 't', NULL, 'invoke_agent web', 'invoke_agent', 1, 2, 'ok',
      '{"gen_ai.agent.name":"web_agent","gen_ai.usage.input_tokens":7}')`);
    old.exec("PRAGMA user_version = 9");
    old.close();
    const database = await getDatabase();
    expect(await database.selectFrom("images").select(["prompt", "request"]).execute()).toEqual([
      { prompt: "a fox", request: null },
    ]);
    expect(await database.selectFrom("documents").select(["title", "stage_detail"]).execute()).toEqual([
      { title: "A", stage_detail: null },
    ]);
    expect(await database.selectFrom("spans").select(["agent_name", "input_tokens"]).execute()).toEqual([
      { agent_name: "web_agent", input_tokens: 7 },
    ]);
    expect(await columnsOf("knowledge_state")).toEqual(["key", "value"]);
  });
});
