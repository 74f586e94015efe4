/** How a run or a span ended; `running` until it does. */
export type TraceStatus = "running" | "ok" | "error";

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

/** One chat run with all its spans (`GET /api/traces/:id`). */
export interface TraceDetail {
  id: string;
  name: string;
  status: TraceStatus;
  startTime: number;
  endTime: number | null;
  chatId: string | null;
  input: string | null;
  spans: TraceSpan[];
}

/** One line of the recent-runs list (`GET /api/traces`). */
export interface TraceSummary {
  id: string;
  name: string;
  status: TraceStatus;
  startTime: number;
  endTime: number | null;
  durationMs: number | null;
  spanCount: number;
  /** Model calls (`chat` spans) in the run. */
  stepCount: number;
  inputTokens: number;
  outputTokens: number;
  chatId: string | null;
  input: string | null;
}
