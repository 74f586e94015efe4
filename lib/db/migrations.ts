import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";
import { spanFacts } from "@/lib/trace/span-facts";

// Migrations are append-only and named in order; each runs once per database, on SQLite and
// PostgreSQL alike (only portable column types: text, integer, bigint, double precision).
// Types are written out, not inferred, so an old migration never changes with today's schema.

/** The schema the embedded database had before the typed data layer (data directories keep working). */
const initialSchema: Migration = {
  async up(database: Kysely<unknown>) {
    await database.schema
      .createTable("documents")
      .ifNotExists()
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("name", "text", (column) => column.notNull())
      .addColumn("title", "text")
      .addColumn("media_type", "text", (column) => column.notNull())
      .addColumn("size", "bigint", (column) => column.notNull())
      .addColumn("content_hash", "text", (column) => column.notNull().unique())
      .addColumn("status", "text", (column) => column.notNull())
      .addColumn("stage", "text")
      .addColumn("stage_detail", "text")
      .addColumn("progress", "double precision", (column) => column.notNull().defaultTo(0))
      .addColumn("chunks", "integer", (column) => column.notNull().defaultTo(0))
      .addColumn("pages", "integer")
      .addColumn("error", "text")
      .addColumn("created_at", "bigint", (column) => column.notNull())
      .addColumn("updated_at", "bigint", (column) => column.notNull())
      .execute();
    await database.schema
      .createTable("chats")
      .ifNotExists()
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("title", "text", (column) => column.notNull())
      .addColumn("messages", "text", (column) => column.notNull())
      .addColumn("created_at", "bigint", (column) => column.notNull())
      .addColumn("updated_at", "bigint", (column) => column.notNull())
      .execute();
    await database.schema
      .createTable("traces")
      .ifNotExists()
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("name", "text", (column) => column.notNull())
      .addColumn("chat_id", "text")
      .addColumn("status", "text", (column) => column.notNull())
      .addColumn("start_time", "double precision", (column) => column.notNull())
      .addColumn("end_time", "double precision")
      .addColumn("input", "text")
      .execute();
    await database.schema
      .createTable("spans")
      .ifNotExists()
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("trace_id", "text", (column) => column.notNull())
      .addColumn("parent_id", "text")
      .addColumn("name", "text", (column) => column.notNull())
      .addColumn("kind", "text", (column) => column.notNull())
      .addColumn("start_time", "double precision", (column) => column.notNull())
      .addColumn("end_time", "double precision")
      .addColumn("status", "text", (column) => column.notNull())
      .addColumn("attributes", "text", (column) => column.notNull())
      .execute();
    await database.schema
      .createTable("images")
      .ifNotExists()
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("file_name", "text", (column) => column.notNull())
      .addColumn("media_type", "text", (column) => column.notNull())
      .addColumn("prompt", "text", (column) => column.notNull())
      .addColumn("request", "text")
      .addColumn("model", "text", (column) => column.notNull())
      .addColumn("size", "text", (column) => column.notNull())
      .addColumn("offline", "integer", (column) => column.notNull())
      .addColumn("trace_id", "text")
      .addColumn("chat_id", "text")
      .addColumn("created_at", "bigint", (column) => column.notNull())
      .execute();
    await database.schema
      .createTable("knowledge_state")
      .ifNotExists()
      .addColumn("key", "text", (column) => column.primaryKey())
      .addColumn("value", "text", (column) => column.notNull())
      .execute();
    // Data directories from before these columns existed have the tables without them.
    await addMissingColumns(database, [
      ["documents", "title", "text"],
      ["documents", "stage_detail", "text"],
      ["images", "request", "text"],
    ]);
    await database.schema
      .createIndex("spans_by_trace")
      .ifNotExists()
      .on("spans")
      .columns(["trace_id", "start_time"])
      .execute();
    await database.schema
      .createIndex("traces_by_start")
      .ifNotExists()
      .on("traces")
      .column("start_time")
      .execute();
    await database.schema
      .createIndex("images_by_creation")
      .ifNotExists()
      .on("images")
      .column("created_at")
      .execute();
  },
};

/** The span facts that lists filter and sum on, as columns, filled in for spans stored before. */
const spanFactColumns: Migration = {
  async up(database: Kysely<unknown>) {
    await addMissingColumns(database, [
      ["spans", "sequence", "bigint"],
      ["spans", "agent_name", "text"],
      ["spans", "model", "text"],
      ["spans", "tool_call_id", "text"],
      ["spans", "input_tokens", "bigint"],
      ["spans", "output_tokens", "bigint"],
      ["spans", "error_message", "text"],
    ]);
    const rows = await sql<{ id: string; attributes: string }>`SELECT id, attributes FROM spans`.execute(
      database,
    );
    let sequence = 0;
    for (const row of rows.rows) {
      const facts = spanFacts(JSON.parse(row.attributes) as Record<string, unknown>);
      sequence += 1;
      await sql`UPDATE spans SET sequence = ${sequence}, agent_name = ${facts.agent_name}, model = ${facts.model},
        tool_call_id = ${facts.tool_call_id}, input_tokens = ${facts.input_tokens},
        output_tokens = ${facts.output_tokens}, error_message = ${facts.error_message}
        WHERE id = ${row.id}`.execute(database);
    }
    await database.schema
      .createIndex("spans_by_agent")
      .ifNotExists()
      .on("spans")
      .column("agent_name")
      .execute();
    await database.schema
      .createIndex("chats_by_update")
      .ifNotExists()
      .on("chats")
      .column("updated_at")
      .execute();
  },
};

/** A run is "running" only while the process that runs it renews its lease. */
const runLeases: Migration = {
  async up(database: Kysely<unknown>) {
    await addMissingColumns(database, [
      ["traces", "lease_expires_at", "bigint"],
      ["traces", "sequence", "bigint"],
    ]);
    await database.schema
      .createIndex("traces_by_status")
      .ifNotExists()
      .on("traces")
      .column("status")
      .execute();
  },
};

/** A document being added is "processing" only while the server adding it renews its lease. */
const documentLeases: Migration = {
  async up(database: Kysely<unknown>) {
    await addMissingColumns(database, [["documents", "lease_expires_at", "bigint"]]);
    await database.schema
      .createIndex("documents_by_status")
      .ifNotExists()
      .on("documents")
      .column("status")
      .execute();
  },
};

/** Each message of a conversation in its own row; conversations stored as one JSON value move there. */
const chatMessageRows: Migration = {
  async up(database: Kysely<unknown>) {
    await database.schema
      .createTable("chat_messages")
      .ifNotExists()
      .addColumn("chat_id", "text", (column) => column.notNull())
      .addColumn("id", "text", (column) => column.notNull())
      .addColumn("position", "bigint", (column) => column.notNull())
      .addColumn("role", "text", (column) => column.notNull())
      .addColumn("message", "text", (column) => column.notNull())
      .addColumn("created_at", "bigint", (column) => column.notNull())
      .addPrimaryKeyConstraint("chat_messages_key", ["chat_id", "id"])
      .execute();
    await database.schema
      .createIndex("chat_messages_in_order")
      .ifNotExists()
      .on("chat_messages")
      .columns(["chat_id", "position"])
      .execute();
    const chats = await sql<{ id: string; messages: string; created_at: number }>`
      SELECT id, messages, created_at FROM chats WHERE messages <> '[]'`.execute(database);
    for (const chat of chats.rows) {
      const messages = JSON.parse(chat.messages) as Array<{ id: string; role: string }>;
      for (const [index, message] of messages.entries()) {
        await sql`INSERT INTO chat_messages (chat_id, id, position, role, message, created_at)
          VALUES (${chat.id}, ${message.id}, ${index + 1}, ${message.role}, ${JSON.stringify(message)}, ${Number(chat.created_at)})
          ON CONFLICT (chat_id, id) DO NOTHING`.execute(database);
      }
      await sql`UPDATE chats SET messages = '[]' WHERE id = ${chat.id}`.execute(database);
    }
  },
};

/** Uploads being checked, visible to every replica (a re-index must wait for them). */
const uploadChecks: Migration = {
  async up(database: Kysely<unknown>) {
    await database.schema
      .createTable("upload_checks")
      .ifNotExists()
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("lease_expires_at", "bigint", (column) => column.notNull())
      .execute();
  },
};

/**
 * Chat runs and their logged UI streams. At most one run per conversation is running (a partial
 * unique index, which SQLite and PostgreSQL both have), so two tabs cannot answer one turn twice.
 */
const chatRuns: Migration = {
  async up(database: Kysely<unknown>) {
    await database.schema
      .createTable("chat_runs")
      .ifNotExists()
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("chat_id", "text", (column) => column.notNull())
      .addColumn("trace_id", "text")
      .addColumn("status", "text", (column) => column.notNull())
      .addColumn("started_at", "bigint", (column) => column.notNull())
      .addColumn("ended_at", "bigint")
      .addColumn("error", "text")
      .addColumn("lease_expires_at", "bigint")
      .addColumn("stop_requested_at", "bigint")
      .execute();
    await sql`CREATE UNIQUE INDEX IF NOT EXISTS chat_runs_one_running ON chat_runs (chat_id) WHERE status = 'running'`.execute(
      database,
    );
    await database.schema
      .createIndex("chat_runs_by_chat")
      .ifNotExists()
      .on("chat_runs")
      .columns(["chat_id", "started_at"])
      .execute();
    await database.schema
      .createTable("chat_run_chunks")
      .ifNotExists()
      .addColumn("run_id", "text", (column) => column.notNull())
      .addColumn("batch", "integer", (column) => column.notNull())
      .addColumn("chunks", "text", (column) => column.notNull())
      .addPrimaryKeyConstraint("chat_run_chunks_key", ["run_id", "batch"])
      .execute();
  },
};

/** Attachments stored once, by content address, with what reading them found. */
const attachments: Migration = {
  async up(database: Kysely<unknown>) {
    await database.schema
      .createTable("attachments")
      .ifNotExists()
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("media_type", "text", (column) => column.notNull())
      .addColumn("kind", "text", (column) => column.notNull())
      .addColumn("size", "bigint", (column) => column.notNull())
      .addColumn("analysis", "text")
      .addColumn("created_at", "bigint", (column) => column.notNull())
      .execute();
  },
};

/** Maintenance jobs, each run by one replica at a time under a lease. */
const jobs: Migration = {
  async up(database: Kysely<unknown>) {
    await database.schema
      .createTable("jobs")
      .ifNotExists()
      .addColumn("name", "text", (column) => column.primaryKey())
      .addColumn("owner", "text")
      .addColumn("lease_expires_at", "bigint")
      .addColumn("requested_at", "bigint")
      .addColumn("last_started_at", "bigint")
      .addColumn("last_finished_at", "bigint")
      .addColumn("last_error", "text")
      .execute();
  },
};

async function addMissingColumns(
  database: Kysely<unknown>,
  columns: Array<[table: string, column: string, type: "text" | "bigint"]>,
): Promise<void> {
  const tables = await database.introspection.getTables();
  for (const [table, column, type] of columns) {
    const existing = tables.find((candidate) => candidate.name === table);
    if (existing?.columns.some((candidate) => candidate.name === column)) continue;
    await database.schema.alterTable(table).addColumn(column, type).execute();
  }
}

/** Every migration, by name; the names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  "0001_initial_schema": initialSchema,
  "0002_span_fact_columns": spanFactColumns,
  "0003_run_leases": runLeases,
  "0004_document_leases": documentLeases,
  "0005_chat_message_rows": chatMessageRows,
  "0006_upload_checks": uploadChecks,
  "0007_chat_runs": chatRuns,
  "0008_attachments": attachments,
  "0009_jobs": jobs,
};
