export const traceStatuses = ["running", "ok", "error"] as const;

/** How a run or a span ended; `running` until it does. */
export type TraceStatus = (typeof traceStatuses)[number];

/** One span as the API and the timeline see it. Times are epoch milliseconds. */
export interface TraceSpan {
  id: string;
  parentId: string | null;
  name: string;
  /** The GenAI operation: `run`, `invoke_agent`, `agent_step`, `chat`, `execute_tool`, … or `other`. */
  kind: string;
  startTime: number;
  endTime: number | null;
  status: TraceStatus;
  attributes: Record<string, unknown>;
}

/** A span as one waterfall row needs it: its timing and the few facts shown on the row. */
export interface TimelineSpan extends Omit<TraceSpan, "attributes"> {
  /** The model a `chat` span called. */
  model?: string;
  inputTokens?: number;
  outputTokens?: number;
  /** `gen_ai.agent.name` of an `invoke_agent` span. */
  agent?: string;
  /** `gen_ai.tool.call.id` of an `execute_tool` span. */
  toolCallId?: string;
  /** The start of the error message; the details panel has all of it. */
  error?: string;
}

interface TraceHeader {
  id: string;
  name: string;
  status: TraceStatus;
  startTime: number;
  endTime: number | null;
  chatId: string | null;
  input: string | null;
}

/** One chat run with all its spans (`GET /api/traces/:id`). */
export interface TraceDetail extends TraceHeader {
  spans: TraceSpan[];
}

/** One chat run with its spans as rows of the waterfall (`GET /api/traces/:id/timeline`). */
export interface TraceTimeline extends TraceHeader {
  spans: TimelineSpan[];
}

/** One line of the recent-runs list (`GET /api/traces`). */
export interface TraceSummary extends TraceHeader {
  durationMs: number | null;
  spanCount: number;
  /** Model calls (`chat` spans) in the run: each agent step makes one. */
  stepCount: number;
  inputTokens: number;
  outputTokens: number;
  /** The agents that ran (`invoke_agent` spans), in the order they started. */
  agents: string[];
}

/** What `GET /api/traces` and `/traces` filter the recent runs by; every field is optional. */
export interface TraceFilters {
  status?: TraceStatus;
  /** Runs in which this agent ran. */
  agent?: string;
  /** Text in the question, the trace id, a span name or an error message (case-insensitive). */
  q?: string;
  /** Runs started at or after this time (epoch ms). */
  since?: number;
  /** Runs started before this time (epoch ms). */
  until?: number;
  limit?: number;
}
