import type { Insertable, Selectable } from "kysely";
import type { DocumentStatus, IngestionStage } from "@/lib/kb/document-types";
import type { ChatRunStatus } from "@/lib/runs/run-status";
import type { TraceStatus } from "@/lib/trace/types";

/** Times are milliseconds since the epoch in every table (BIGINT or DOUBLE PRECISION on PostgreSQL). */
export interface DocumentsTable {
  id: string;
  name: string;
  title: string | null;
  media_type: string;
  size: number;
  content_hash: string;
  status: DocumentStatus;
  stage: IngestionStage | null;
  stage_detail: string | null;
  progress: number;
  chunks: number;
  pages: number | null;
  error: string | null;
  created_at: number;
  updated_at: number;
  /** Until when the server adding a processing document vouches for it (renewed while it works). */
  lease_expires_at: number | null;
}

export interface ChatsTable {
  id: string;
  title: string;
  /** Before messages had rows of their own: the whole conversation as JSON (moved to chat_messages). */
  messages: string;
  created_at: number;
  updated_at: number;
}

/** One message of a conversation, its own row: two tabs adding turns never overwrite each other. */
export interface ChatMessagesTable {
  chat_id: string;
  id: string;
  /** Order within the conversation (increasing as messages are stored). */
  position: number;
  role: string;
  /** The UI message as JSON. */
  message: string;
  created_at: number;
}

export interface TracesTable {
  id: string;
  name: string;
  chat_id: string | null;
  status: TraceStatus;
  start_time: number;
  end_time: number | null;
  input: string | null;
  /** Until when the process running it vouches for a running run (it renews this while it runs). */
  lease_expires_at: number | null;
  /** Order of storage: runs that start in the same instant keep the order they were written. */
  sequence: number | null;
}

/**
 * One span of a run. The facts lists and waterfalls filter and sum on (agent, model, tokens, error)
 * are columns of their own, copied out of `attributes` (JSON) when the span is written, so every
 * query is plain SQL that SQLite and PostgreSQL both run.
 */
export interface SpansTable {
  id: string;
  trace_id: string;
  parent_id: string | null;
  name: string;
  kind: string;
  start_time: number;
  end_time: number | null;
  status: TraceStatus;
  attributes: string;
  /** Order of storage within a run: spans that start in the same instant keep the order they were written. */
  sequence: number;
  agent_name: string | null;
  model: string | null;
  tool_call_id: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  error_message: string | null;
}

export interface ImagesTable {
  id: string;
  file_name: string;
  media_type: string;
  prompt: string;
  request: string | null;
  model: string;
  size: string;
  offline: number;
  trace_id: string | null;
  chat_id: string | null;
  created_at: number;
}

/** An upload being checked and stored, on any replica, while its server renews the lease. */
export interface UploadChecksTable {
  id: string;
  lease_expires_at: number;
}

/** One chat run: the answer to one turn, running detached from the request that started it. */
export interface ChatRunsTable {
  id: string;
  chat_id: string;
  /** The run's trace (`/traces/{trace_id}`), once it started. */
  trace_id: string | null;
  status: ChatRunStatus;
  started_at: number;
  ended_at: number | null;
  /** Why it stopped or failed, as the user reads it. */
  error: string | null;
  /** Until when the server running it vouches for it (renewed while it runs). */
  lease_expires_at: number | null;
  /** Set by Stop on any replica; the server running it aborts it when it sees this. */
  stop_requested_at: number | null;
}

/** The run's UI message stream, logged in order: each row a batch of chunks as written. */
export interface ChatRunChunksTable {
  run_id: string;
  /** 0, 1, 2, … within the run. */
  batch: number;
  /** The batch's UI message chunks, a JSON array. */
  chunks: string;
}

/** A file attached to a chat message, stored once under the SHA-256 of its bytes. */
export interface AttachmentsTable {
  id: string;
  media_type: string;
  kind: "image" | "document";
  size: number;
  /** What reading it found (JSON, see AttachmentAnalysis), once it was read. */
  analysis: string | null;
  created_at: number;
}

/** A maintenance job (compaction, retention) that one replica at a time runs, under a lease. */
export interface JobsTable {
  name: string;
  /** The process holding the lease, while one does. */
  owner: string | null;
  lease_expires_at: number | null;
  /** Another run was asked for while the job was leased; its holder runs it again. */
  requested_at: number | null;
  last_started_at: number | null;
  last_finished_at: number | null;
  /** Why the last run failed, or null. */
  last_error: string | null;
}

export interface KnowledgeStateTable {
  key: string;
  value: string;
}

/** Every table of the metadata database, as the typed query layer sees them. */
export interface Database {
  documents: DocumentsTable;
  chats: ChatsTable;
  chat_messages: ChatMessagesTable;
  traces: TracesTable;
  spans: SpansTable;
  images: ImagesTable;
  knowledge_state: KnowledgeStateTable;
  upload_checks: UploadChecksTable;
  chat_runs: ChatRunsTable;
  chat_run_chunks: ChatRunChunksTable;
  attachments: AttachmentsTable;
  jobs: JobsTable;
}

export type DocumentRow = Selectable<DocumentsTable>;
export type SpanRow = Selectable<SpansTable>;
export type NewSpanRow = Insertable<SpansTable>;
export type TraceRow = Selectable<TracesTable>;
export type ImageRow = Selectable<ImagesTable>;
export type ChatRunRow = Selectable<ChatRunsTable>;
