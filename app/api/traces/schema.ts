import { z } from "zod";

/** `?limit=` of `GET /api/traces`: how many recent runs to list. */
export const listTracesQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int("limit must be a whole number.")
    .min(1, "limit must be at least 1.")
    .max(500, "limit can be at most 500.")
    .default(50),
});

/** A trace id is an OpenTelemetry trace id: 32 lower-case hex digits. */
export const traceIdSchema = z.string().regex(/^[0-9a-f]{32}$/);
