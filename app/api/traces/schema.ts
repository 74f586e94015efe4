import { z } from "zod";
import { AppError, errorResponse } from "@/lib/errors";
import { traceStatuses } from "@/lib/trace/types";

const durationUnits: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A point in time: epoch milliseconds, an ISO 8601 date or date-time, or a duration back from
 * `now` such as `15m`, `24h` or `7d`. `undefined` when the text is none of those.
 */
export function parseTimeBound(text: string, now: number): number | undefined {
  const relative = /^(\d{1,6})([mhd])$/.exec(text);
  if (relative) return now - Number(relative[1]) * durationUnits[relative[2]];
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

const timeBound = (name: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, context) => {
      if (!value) return undefined;
      const time = parseTimeBound(value, Date.now());
      if (time === undefined) {
        context.addIssue({
          code: "custom",
          message: `${name} must be epoch milliseconds, an ISO date such as 2026-05-01T12:00:00Z, or a duration back from now such as 15m, 24h or 7d.`,
        });
        return z.NEVER;
      }
      return time;
    });

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined);

/** The query of `GET /api/traces` and of the `/traces` page. */
export const listTracesQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int("limit must be a whole number.")
    .min(1, "limit must be at least 1.")
    .max(500, "limit can be at most 500.")
    .default(50),
  status: optionalText.pipe(
    z.enum(traceStatuses, { error: `status must be one of ${traceStatuses.join(", ")}.` }).optional(),
  ),
  agent: optionalText.pipe(z.string().max(100, "agent can be at most 100 characters.").optional()),
  q: optionalText.pipe(z.string().max(200, "q can be at most 200 characters.").optional()),
  since: timeBound("since"),
  until: timeBound("until"),
});

export type ListTracesQuery = z.infer<typeof listTracesQuerySchema>;

/** Reads the list query from URL search parameters (`?status=&agent=&q=&since=&until=&limit=`). */
export function parseListTracesQuery(searchParams: URLSearchParams) {
  const keys = ["limit", "status", "agent", "q", "since", "until"] as const;
  const raw = Object.fromEntries(keys.map((key) => [key, searchParams.get(key) ?? undefined]));
  return listTracesQuerySchema.safeParse(raw);
}

/** A trace id is an OpenTelemetry trace id: 32 lower-case hex digits. */
export const traceIdSchema = z.string().regex(/^[0-9a-f]{32}$/);

/** A span id is an OpenTelemetry span id: 16 lower-case hex digits. */
export const spanIdSchema = z.string().regex(/^[0-9a-f]{16}$/);

/**
 * The answer of a trace route that reads one run: the run as JSON, or a 404 when the id is not a
 * trace id or no run has it.
 */
export async function respondWithTrace<T>(
  params: Promise<{ id: string }>,
  read: (id: string) => Promise<T | undefined>,
): Promise<Response> {
  try {
    const { id } = await params;
    const found = traceIdSchema.safeParse(id).success ? await read(id) : undefined;
    if (!found) {
      throw new AppError("not_found", "There is no trace with this id. Open /traces to see the recent runs.");
    }
    return Response.json(found);
  } catch (error) {
    return errorResponse(error);
  }
}
