import "server-only";
import { type HrTime, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { Kysely } from "kysely";
import { getDatabase } from "@/lib/db/database";
import { runLeasedJob } from "@/lib/db/jobs";
import type { Database, NewSpanRow } from "@/lib/db/schema";
import { getEnvironment } from "@/lib/env";
import { getRecordingPolicy } from "./recording-policy";
import { markInterruptedRuns, removeExpiredRuns } from "./retention";
import {
  conversationIdAttribute,
  errorMessageAttribute,
  redactSecrets,
  runInputAttribute,
  sanitizeAttributes,
  spanKind,
  truncate,
} from "./span-attributes";
import { spanFacts } from "./span-facts";

/** How long a run stays "running" without its process renewing the lease (LEASE_MS). */
export function runLeaseMs(): number {
  return getEnvironment().LEASE_MS;
}

/** One span event's database write, run inside its batch's transaction (a run's own row first). */
type SpanWrite = ((database: Kysely<Database>) => Promise<void>) & { runFirst?: boolean };

interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/**
 * Stores the spans of chat runs in the metadata database as they happen: a row when a span starts
 * (status "running"), completed when it ends, so /traces/[id] can show a run live. A run's root span
 * (kind `run`, see `startRunTrace`) also writes its `traces` row, with a lease this process renews
 * while the run goes on; spans outside a run (document ingestion, for instance) are left to the
 * OTLP exporter. Span callbacks are synchronous, so writes go through one ordered queue; `flush`
 * waits for it.
 */
export class DatabaseSpanProcessor implements SpanProcessor {
  private pending: Promise<void> = Promise.resolve();
  private batch: SpanWrite[] = [];
  /** Spans started since the last batch was written, by id: inserted (finished, if they are) with the next. */
  private unwrittenSpans = new Map<string, NewSpanRow>();
  /** A run started since retention last ran: old runs are removed after the next batch. */
  private retentionDue = false;
  /** Runs this process is running, and so renews the leases of. */
  private readonly activeRuns = new Set<string>();
  /** Spans whose start was stored, until they end: only those are completed. */
  private readonly openSpans = new Set<string>();
  private readonly usageByRun = new Map<string, TokenUsage>();
  private sequence = 0;
  private renewal: NodeJS.Timeout | undefined;

  onStart(span: Span): void {
    const { traceId } = span.spanContext();
    const kind = spanKind(span.name, span.attributes);
    if (kind === "run") this.startRun(span, traceId);
    else if (!this.activeRuns.has(traceId)) return;
    const row = this.startedRow(span, kind);
    this.openSpans.add(row.id);
    // Written with the next batch, in one multi-row insert; if the span ends first, as most do, it
    // is written once, finished.
    this.unwrittenSpans.set(row.id, row);
    this.scheduleDrain();
  }

  onEnd(span: ReadableSpan): void {
    const { traceId, spanId } = span.spanContext();
    // Spans outside a run were never stored; sanitising their attributes would be wasted work.
    if (!this.openSpans.delete(spanId)) return;
    const status = span.status.code === SpanStatusCode.ERROR ? ("error" as const) : ("ok" as const);
    const policy = getRecordingPolicy();
    const attributes = sanitizeAttributes(span.attributes, policy);
    const errorMessage = status === "error" ? describeSpanError(span) : undefined;
    if (errorMessage)
      attributes[errorMessageAttribute] = truncate(redactSecrets(errorMessage, policy.knownSecrets));
    const endTime = toMilliseconds(span.endTime);
    const kind = spanKind(span.name, span.attributes);
    const facts = spanFacts(attributes);
    if (kind === "chat") this.countUsage(traceId, facts.input_tokens ?? 0, facts.output_tokens ?? 0);
    const ended = {
      name: span.name,
      kind,
      end_time: endTime,
      status,
      attributes: JSON.stringify(attributes),
      ...facts,
    };
    const unwritten = this.unwrittenSpans.get(spanId);
    if (unwritten) Object.assign(unwritten, ended);
    this.enqueue(async (database) => {
      if (!unwritten) await database.updateTable("spans").set(ended).where("id", "=", spanId).execute();
      if (kind !== "run") return;
      await database
        .updateTable("traces")
        .set({ status, end_time: endTime, lease_expires_at: null })
        .where("id", "=", traceId)
        .execute();
    });
    if (kind === "run") {
      this.activeRuns.delete(traceId);
      // The usage is read when the answer's last part is written, before the run's span ends.
      this.usageByRun.delete(traceId);
    }
  }

  /** Resolves once every span event so far is in the database. */
  flush(): Promise<void> {
    return this.pending;
  }

  /** Tokens in and out of every model call of a run this process runs, sub-agents included. */
  tokenUsage(traceId: string): TokenUsage {
    return { ...(this.usageByRun.get(traceId) ?? { inputTokens: 0, outputTokens: 0 }) };
  }

  async forceFlush(): Promise<void> {
    await this.flush();
  }

  async shutdown(): Promise<void> {
    clearInterval(this.renewal);
    await this.flush();
  }

  private startRun(span: Span, traceId: string): void {
    this.activeRuns.add(traceId);
    this.usageByRun.set(traceId, { inputTokens: 0, outputTokens: 0 });
    this.renewal ??= setInterval(() => this.renewLeases(), runLeaseMs() / 3).unref();
    const policy = getRecordingPolicy();
    const input = policy.recordContent ? span.attributes[runInputAttribute] : undefined;
    const chatId = span.attributes[conversationIdAttribute];
    const row = {
      id: traceId,
      name: span.name,
      chat_id: typeof chatId === "string" ? chatId : null,
      status: "running" as const,
      start_time: toMilliseconds(span.startTime),
      end_time: null,
      input: typeof input === "string" ? truncate(redactSecrets(input, policy.knownSecrets)) : null,
      sequence: this.nextSequence(),
    };
    const insertRun: SpanWrite = async (database) => {
      await database
        .insertInto("traces")
        // The lease counts from when the row is written, however long the queue was.
        .values({ ...row, lease_expires_at: Date.now() + runLeaseMs() })
        .onConflict((conflict) => conflict.column("id").doNothing())
        .execute();
      this.retentionDue = true;
    };
    insertRun.runFirst = true;
    this.enqueue(insertRun);
  }

  private startedRow(span: Span, kind: string) {
    const { traceId, spanId } = span.spanContext();
    const attributes = sanitizeAttributes(span.attributes, getRecordingPolicy());
    return {
      id: spanId,
      trace_id: traceId,
      parent_id: span.parentSpanContext?.spanId ?? null,
      name: span.name,
      kind,
      start_time: toMilliseconds(span.startTime),
      end_time: null,
      status: "running" as const,
      attributes: JSON.stringify(attributes),
      sequence: this.nextSequence(),
      ...spanFacts(attributes),
    };
  }

  /** Unique and increasing within this process (and so within a run), roughly ordered across replicas. */
  private nextSequence(): number {
    this.sequence = Math.max(this.sequence + 1, Date.now() * 1000);
    return this.sequence;
  }

  private countUsage(traceId: string, inputTokens: number, outputTokens: number): void {
    const usage = this.usageByRun.get(traceId);
    if (!usage) return;
    usage.inputTokens += inputTokens;
    usage.outputTokens += outputTokens;
  }

  /**
   * Renews this process's runs and fails runs whose process stopped renewing theirs. Straight to the
   * database, not through the span queue: a long queue must not let a live run's lease run out.
   */
  private renewLeases(): void {
    const runs = [...this.activeRuns];
    const renew = async () => {
      const database = await getDatabase();
      if (runs.length > 0) {
        await database
          .updateTable("traces")
          .set({ lease_expires_at: Date.now() + runLeaseMs() })
          .where("id", "in", runs)
          .where("status", "=", "running")
          .execute();
      }
      await markInterruptedRuns();
    };
    // The next renewal comes well before the lease runs out; the log says why this one failed.
    renew().catch((error: unknown) => console.error("Could not renew the leases of running runs", error));
  }

  // A span processor runs inside the AI SDK's calls: a failed write must not fail the chat it observes.
  private enqueue(write: SpanWrite): void {
    this.batch.push(write);
    this.scheduleDrain();
  }

  private drainScheduled = false;

  /** The first event of a batch schedules its drain; the others join it until it starts. */
  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    this.pending = this.pending
      .then(() => this.drain())
      .catch((error: unknown) => console.error("Could not store trace spans:", error));
  }

  /** Writes the events gathered since the last drain in one transaction: one commit, not one per event. */
  private async drain(): Promise<void> {
    this.drainScheduled = false;
    const writes = this.batch;
    const spans = [...this.unwrittenSpans.values()];
    this.batch = [];
    this.unwrittenSpans = new Map();
    const database = await getDatabase();
    await database.transaction().execute(async (transaction) => {
      // Runs first: their spans' rows then always have one.
      for (const write of writes.filter((candidate) => candidate.runFirst)) await write(transaction);
      // In slices: SQLite binds at most 32,766 parameters per statement.
      for (let start = 0; start < spans.length; start += 200) {
        await transaction
          .insertInto("spans")
          .values(spans.slice(start, start + 200))
          .onConflict((conflict) => conflict.column("id").doNothing())
          .execute();
      }
      for (const write of writes.filter((candidate) => !candidate.runFirst)) await write(transaction);
    });
    if (!this.retentionDue) return;
    this.retentionDue = false;
    const { TRACE_RETENTION_RUNS, TRACE_RETENTION_DAYS } = getEnvironment();
    // One replica at a time removes old runs; the others leave it to the one doing it.
    await runLeasedJob("trace-retention", () =>
      removeExpiredRuns({ keepRuns: TRACE_RETENTION_RUNS, maxAgeDays: TRACE_RETENTION_DAYS }),
    );
  }
}

function describeSpanError(span: ReadableSpan): string {
  if (span.status.message) return span.status.message;
  const exception = span.events.find((event) => event.name === "exception");
  const message = exception?.attributes?.["exception.message"];
  return typeof message === "string" && message ? message : "The operation failed.";
}

function toMilliseconds([seconds, nanoseconds]: HrTime): number {
  return seconds * 1000 + nanoseconds / 1e6;
}
