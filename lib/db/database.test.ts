import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { getEnvironment } from "@/lib/env";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { closeDatabaseForTests, getDatabase } from "./database";

function columnsOf(table: string): string[] {
  const rows = getDatabase().prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
  return rows.map((row) => row.name);
}

describe("metadata database migrations", () => {
  useTemporaryDataDirectory();

  it("runs each migration once, so reopening does not repeat ADD COLUMN", () => {
    expect(columnsOf("images")).toContain("request");
    const version = (getDatabase().prepare("PRAGMA user_version").get() as { user_version: number })
      .user_version;
    expect(version).toBeGreaterThan(0);
    closeDatabaseForTests();
    expect(columnsOf("images")).toContain("request");
    expect(getDatabase().prepare("PRAGMA user_version").get()).toEqual({ user_version: version });
  });

  it("brings a database made before migrations were counted up to date, keeping its rows", () => {
    const file = path.join(getEnvironment().dataDirectory, "metadata.sqlite");
    const old = new DatabaseSync(file);
    old.exec(`CREATE TABLE images (id TEXT PRIMARY KEY, file_name TEXT NOT NULL, media_type TEXT NOT NULL,
      prompt TEXT NOT NULL, model TEXT NOT NULL, size TEXT NOT NULL, offline INTEGER NOT NULL,
      trace_id TEXT, chat_id TEXT, created_at INTEGER NOT NULL)`);
    old.exec(
      "INSERT INTO images VALUES ('old', 'old.png', 'image/png', 'a fox', 'm', '1x1', 1, NULL, NULL, 1)",
    );
    old.close();
    expect(columnsOf("images")).toContain("request");
    expect(getDatabase().prepare("SELECT prompt, request FROM images").all()).toEqual([
      { prompt: "a fox", request: null },
    ]);
  });

  it("adds the knowledge base's columns once, also where an older version had added them itself", () => {
    const file = path.join(getEnvironment().dataDirectory, "metadata.sqlite");
    const old = new DatabaseSync(file);
    old.exec(`CREATE TABLE documents (id TEXT PRIMARY KEY, name TEXT NOT NULL, media_type TEXT NOT NULL,
      size INTEGER NOT NULL, content_hash TEXT NOT NULL UNIQUE, status TEXT NOT NULL, stage TEXT,
      progress REAL NOT NULL DEFAULT 0, chunks INTEGER NOT NULL DEFAULT 0, pages INTEGER, error TEXT,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, title TEXT)`);
    old.exec(
      "INSERT INTO documents (id, name, media_type, size, content_hash, status, created_at, updated_at, title) VALUES ('d', 'a.md', 'text/markdown', 1, 'h', 'ready', 1, 1, 'A')",
    );
    // The nine migrations before the knowledge base's columns joined the list.
    old.exec("PRAGMA user_version = 9");
    old.close();
    expect(columnsOf("documents")).toEqual(expect.arrayContaining(["title", "stage_detail"]));
    expect(getDatabase().prepare("SELECT title, stage_detail FROM documents").all()).toEqual([
      { title: "A", stage_detail: null },
    ]);
    expect(columnsOf("knowledge_state")).toEqual(["key", "value"]);
  });
});
