import "server-only";
import type { SQLInputValue } from "node:sqlite";
import { getDatabase } from "@/lib/db/database";
import type { TraceRow } from "./trace-queries";
import type { TraceFilters, TraceSummary } from "./types";

interface SummaryRow extends TraceRow {
  span_count: number;
  step_count: number;
  input_tokens: number;
  output_tokens: number;
  agents: string;
}

const agentName = `json_extract(s.attributes, '$."gen_ai.agent.name"')`;

// Tokens are summed over model calls only: agent spans repeat their calls' usage.
const usageTotal = (key: string) =>
  `(SELECT COALESCE(SUM(json_extract(s.attributes, '$."${key}"')), 0)
     FROM spans s WHERE s.trace_id = t.id AND s.kind = 'chat')`;

// Span start times have millisecond precision: agents that start in the same millisecond are
// listed in the order their spans were stored.
const summaryColumns = `t.*,
  (SELECT COUNT(*) FROM spans s WHERE s.trace_id = t.id) AS span_count,
  (SELECT COUNT(*) FROM spans s WHERE s.trace_id = t.id AND s.kind = 'chat') AS step_count,
  ${usageTotal("gen_ai.usage.input_tokens")} AS input_tokens,
  ${usageTotal("gen_ai.usage.output_tokens")} AS output_tokens,
  (SELECT json_group_array(name) FROM (
     SELECT ${agentName} AS name, MIN(s.start_time) AS first_start, MIN(s.rowid) AS first_row FROM spans s
     WHERE s.trace_id = t.id AND s.kind = 'invoke_agent' AND name IS NOT NULL
     GROUP BY name ORDER BY first_start, first_row)) AS agents`;

/** Each filter as a condition on the run `t`, with its parameters. */
function filterConditions(filters: TraceFilters): { where: string[]; parameters: SQLInputValue[] } {
  const where: string[] = [];
  const parameters: SQLInputValue[] = [];
  if (filters.status) {
    where.push("t.status = ?");
    parameters.push(filters.status);
  }
  if (filters.agent) {
    where.push(
      `EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.id AND s.kind = 'invoke_agent' AND ${agentName} = ?)`,
    );
    parameters.push(filters.agent);
  }
  if (filters.since !== undefined) {
    where.push("t.start_time >= ?");
    parameters.push(filters.since);
  }
  if (filters.until !== undefined) {
    where.push("t.start_time < ?");
    parameters.push(filters.until);
  }
  if (filters.q) {
    // instr() rather than LIKE: the user's text is matched literally, % and _ included.
    const contains = (expression: string) => `instr(lower(COALESCE(${expression}, '')), lower(?)) > 0`;
    where.push(`(${contains("t.input")} OR t.id = lower(?) OR EXISTS (
      SELECT 1 FROM spans s WHERE s.trace_id = t.id
        AND (${contains("s.name")} OR ${contains(`json_extract(s.attributes, '$."error.message"')`)})))`);
    parameters.push(filters.q, filters.q, filters.q, filters.q);
  }
  return { where, parameters };
}

/**
 * The most recent chat runs matching `filters`, newest first, with their span count, model calls,
 * token usage and agents.
 */
export function listTraces(filters: TraceFilters = {}): TraceSummary[] {
  const { where, parameters } = filterConditions(filters);
  const sql = `SELECT ${summaryColumns} FROM traces t
    ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    ORDER BY t.start_time DESC, t.rowid DESC LIMIT ?`;
  const rows = getDatabase()
    .prepare(sql)
    .all(...parameters, filters.limit ?? 50) as unknown as SummaryRow[];
  return rows.map(toSummary);
}

/** Every agent that ran in a stored run, for the agent filter. */
export function listTraceAgents(): string[] {
  const rows = getDatabase()
    .prepare(
      `SELECT DISTINCT ${agentName} AS name FROM spans s
       WHERE s.kind = 'invoke_agent' AND name IS NOT NULL ORDER BY name`,
    )
    .all() as Array<{ name: string }>;
  return rows.map((row) => row.name);
}

function toSummary(row: SummaryRow): TraceSummary {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    startTime: row.start_time,
    endTime: row.end_time,
    durationMs: row.end_time === null ? null : row.end_time - row.start_time,
    spanCount: row.span_count,
    stepCount: row.step_count,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    agents: JSON.parse(row.agents) as string[],
    chatId: row.chat_id,
    input: row.input,
  };
}
