/** Every failure the app reports to a user has one of these codes. */
export type ErrorCode =
  | "bad_request"
  | "forbidden"
  | "not_found"
  | "misdirected_request"
  | "payload_too_large"
  | "unsupported_media_type"
  | "conflict"
  | "rate_limited"
  | "model_error"
  | "tool_error"
  | "web_refused"
  | "web_unreachable"
  | "sandbox_error"
  | "budget_exceeded"
  | "internal";

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  forbidden: 403,
  not_found: 404,
  misdirected_request: 421,
  payload_too_large: 413,
  unsupported_media_type: 415,
  conflict: 409,
  rate_limited: 429,
  model_error: 502,
  tool_error: 500,
  web_refused: 403,
  web_unreachable: 502,
  sandbox_error: 422,
  budget_exceeded: 429,
  internal: 500,
};

/** An error whose message is written for the person using the app: what is wrong and what to do. */
export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

/** Maps any thrown value to a JSON HTTP response; unknown errors are not leaked verbatim. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: error.message, code: error.code }, { status: error.status });
  }
  console.error(error);
  return Response.json({ error: "Something went wrong on the server.", code: "internal" }, { status: 500 });
}

/** A readable message for any thrown value, for stream error parts and tool errors. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
