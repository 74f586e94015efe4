/** A chat run's state: `running` until it ends, then how it ended. */
export type ChatRunStatus = "running" | "done" | "stopped" | "failed";

/** What a follower of a run learns of it. */
export interface ChatRunSummary {
  id: string;
  chatId: string;
  traceId: string | null;
  status: ChatRunStatus;
  startedAt: number;
  endedAt: number | null;
  error: string | null;
}
