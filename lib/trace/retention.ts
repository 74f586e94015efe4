import "server-only";
import { prepareStatement } from "@/lib/db/database";
import { errorMessageAttribute } from "./span-attributes";

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Bounds what traces keep: the newest `keepRuns` runs, none started more than `maxAgeDays` days
 * before `now` (0: no age limit, only the count). Older runs are deleted with their spans.
 */
export function removeExpiredRuns({
  keepRuns,
  maxAgeDays,
  now = Date.now(),
}: {
  keepRuns: number;
  maxAgeDays: number;
  now?: number;
}): void {
  const tooMany = "SELECT id FROM traces ORDER BY start_time DESC, rowid DESC LIMIT -1 OFFSET ?";
  prepareStatement(`DELETE FROM spans WHERE trace_id IN (${tooMany})`).run(keepRuns);
  prepareStatement(`DELETE FROM traces WHERE id IN (${tooMany})`).run(keepRuns);
  if (maxAgeDays === 0) return;
  const cutoff = now - maxAgeDays * dayMs;
  prepareStatement("DELETE FROM spans WHERE trace_id IN (SELECT id FROM traces WHERE start_time < ?)").run(
    cutoff,
  );
  prepareStatement("DELETE FROM traces WHERE start_time < ?").run(cutoff);
}

export const interruptedMessage = "The server stopped before this finished.";

/**
 * Marks runs that a previous server process left "running" as failed: nothing will end them now.
 * Their open spans end at the last moment the run was seen doing something. Call once at start.
 */
export function markInterruptedRuns(): number {
  prepareStatement(
    `UPDATE spans SET status = 'error',
         end_time = (SELECT MAX(COALESCE(s.end_time, s.start_time)) FROM spans s WHERE s.trace_id = spans.trace_id),
         attributes = json_set(attributes, '$."${errorMessageAttribute}"', ?)
       WHERE status = 'running' AND trace_id IN (SELECT id FROM traces WHERE status = 'running')`,
  ).run(interruptedMessage);
  const result = prepareStatement(
    `UPDATE traces SET status = 'error', end_time = COALESCE(
         (SELECT MAX(COALESCE(s.end_time, s.start_time)) FROM spans s WHERE s.trace_id = traces.id), start_time)
       WHERE status = 'running'`,
  ).run();
  return Number(result.changes);
}
