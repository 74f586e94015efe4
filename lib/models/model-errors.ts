import { APICallError, RetryError } from "ai";

/** A message a person can act on for any failure of a model call or a stream. */
export function describeModelError(error: unknown): string {
  if (RetryError.isInstance(error)) {
    return `${describeModelError(error.lastError)} (gave up after ${error.errors.length} attempts)`;
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode ? `HTTP ${error.statusCode}` : "no response";
    if (error.statusCode === 401 || error.statusCode === 403) {
      return `The model server refused the API key (${status}). Check OPENAI_API_KEY.`;
    }
    if (error.statusCode === 429)
      return `The model server is rate limiting requests (${status}). Try again shortly.`;
    return `The model server failed (${status}): ${error.message}`;
  }
  if (error instanceof Error) {
    if (error.name === "AbortError") return "The run was stopped.";
    return error.message.includes("terminated") || error.message.includes("socket")
      ? `The connection to the model server was cut: ${error.message}`
      : error.message;
  }
  return String(error);
}
