import "server-only";
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";
import { getDatabase } from "@/lib/db/database";
import type { Database, TraceRow } from "@/lib/db/schema";
import { flushTraceWrites } from "./telemetry";
import type { TraceFilters, TraceSummary } from "./types";

type TraceQuery = SelectQueryBuilder<Database, "traces", object>;

/** `expression` contains `text`, case-insensitively and literally (% and _ are not wildcards). */
function containsText(expression: string, text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  // Both sides through the database's own lower(), so they agree wherever it folds case.
  return sql<boolean>`lower(coalesce(${sql.ref(expression)}, '')) like lower(${pattern}) escape '\\'`;
}

function withFilters(query: TraceQuery, filters: TraceFilters): TraceQuery {
  let filtered = query;
  if (filters.status) filtered = filtered.where("traces.status", "=", filters.status);
  if (filters.since !== undefined) filtered = filtered.where("traces.start_time", ">=", filters.since);
  if (filters.until !== undefined) filtered = filtered.where("traces.start_time", "<", filters.until);
  const { agent, q } = filters;
  if (agent) {
    filtered = filtered.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("spans")
          .select("spans.id")
          .whereRef("spans.trace_id", "=", "traces.id")
          .where("spans.kind", "=", "invoke_agent")
          .where("spans.agent_name", "=", agent),
      ),
    );
  }
  if (q) {
    filtered = filtered.where((builder: ExpressionBuilder<Database, "traces">) =>
      builder.or([
        containsText("traces.input", q),
        builder("traces.id", "=", q.toLowerCase()),
        builder.exists(
          builder
            .selectFrom("spans")
            .select("spans.id")
            .whereRef("spans.trace_id", "=", "traces.id")
            .where((spans) =>
              spans.or([containsText("spans.name", q), containsText("spans.error_message", q)]),
            ),
        ),
      ]),
    );
  }
  return filtered;
}

interface RunFacts {
  spanCount: number;
  stepCount: number;
  inputTokens: number;
  outputTokens: number;
  agents: string[];
}

/** Span counts, token sums over model calls (agent spans repeat their calls' usage) and agents per run. */
async function factsOf(traceIds: string[]): Promise<Map<string, RunFacts>> {
  const facts = new Map<string, RunFacts>(
    traceIds.map((id) => [id, { spanCount: 0, stepCount: 0, inputTokens: 0, outputTokens: 0, agents: [] }]),
  );
  if (traceIds.length === 0) return facts;
  const database = await getDatabase();
  const counts = await database
    .selectFrom("spans")
    .select((builder) => [
      "trace_id",
      "kind",
      builder.fn.countAll<number>().as("span_count"),
      builder.fn.sum<number>("input_tokens").as("input_tokens"),
      builder.fn.sum<number>("output_tokens").as("output_tokens"),
    ])
    .where("trace_id", "in", traceIds)
    .groupBy(["trace_id", "kind"])
    .execute();
  for (const row of counts) {
    const run = facts.get(row.trace_id);
    if (!run) continue;
    run.spanCount += Number(row.span_count);
    if (row.kind !== "chat") continue;
    run.stepCount += Number(row.span_count);
    run.inputTokens += Number(row.input_tokens ?? 0);
    run.outputTokens += Number(row.output_tokens ?? 0);
  }
  // Agents in the order they first started; ones that start in the same instant, in the order stored.
  const agents = await database
    .selectFrom("spans")
    .select((builder) => [
      "trace_id",
      "agent_name",
      builder.fn.min("start_time").as("first_start"),
      builder.fn.min("sequence").as("first_sequence"),
    ])
    .where("trace_id", "in", traceIds)
    .where("kind", "=", "invoke_agent")
    .where("agent_name", "is not", null)
    .groupBy(["trace_id", "agent_name"])
    .orderBy("first_start")
    .orderBy("first_sequence")
    .execute();
  for (const row of agents) if (row.agent_name) facts.get(row.trace_id)?.agents.push(row.agent_name);
  return facts;
}

/**
 * The most recent chat runs matching `filters`, newest first, with their span count, model calls,
 * token usage and agents.
 */
export async function listTraces(filters: TraceFilters = {}): Promise<TraceSummary[]> {
  // Read your own writes: spans this process has queued are stored before runs are listed.
  await flushTraceWrites();
  const database = await getDatabase();
  const runs = await withFilters(database.selectFrom("traces"), filters)
    .selectAll("traces")
    .orderBy("traces.start_time", "desc")
    .orderBy("traces.sequence", "desc")
    .limit(filters.limit ?? 50)
    .execute();
  const facts = await factsOf(runs.map((run) => run.id));
  return runs.map((run) => toSummary(run, facts.get(run.id)));
}

/** Every agent that ran in a stored run, for the agent filter. */
export async function listTraceAgents(): Promise<string[]> {
  await flushTraceWrites();
  const database = await getDatabase();
  const rows = await database
    .selectFrom("spans")
    .select("agent_name")
    .distinct()
    .where("kind", "=", "invoke_agent")
    .where("agent_name", "is not", null)
    .orderBy("agent_name")
    .execute();
  return rows.flatMap((row) => (row.agent_name ? [row.agent_name] : []));
}

function toSummary(run: TraceRow, facts: RunFacts | undefined): TraceSummary {
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    startTime: run.start_time,
    endTime: run.end_time,
    durationMs: run.end_time === null ? null : run.end_time - run.start_time,
    spanCount: facts?.spanCount ?? 0,
    stepCount: facts?.stepCount ?? 0,
    inputTokens: facts?.inputTokens ?? 0,
    outputTokens: facts?.outputTokens ?? 0,
    agents: facts?.agents ?? [],
    chatId: run.chat_id,
    input: run.input,
  };
}
