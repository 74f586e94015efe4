import { APICallError, NoImageGeneratedError, RetryError } from "ai";
import { AppError, describeError } from "@/lib/errors";

const refusalPattern =
  /content[_ ]policy|safety|moderation|not allowed|rejected as a result of our safety system/i;

function unwrapRetry(error: unknown): unknown {
  return RetryError.isInstance(error) ? error.lastError : error;
}

/** True when the server turned the request down because of its size, so a retry without one may work. */
export function isUnsupportedSizeError(error: unknown): boolean {
  const cause = unwrapRetry(error);
  return (
    APICallError.isInstance(cause) &&
    cause.statusCode === 400 &&
    /size/i.test(`${cause.message} ${cause.responseBody ?? ""}`)
  );
}

function describeApiCallError(error: APICallError, model: string): AppError {
  const details = `${error.message} ${error.responseBody ?? ""}`;
  const status = error.statusCode;
  if (refusalPattern.test(details)) {
    return new AppError(
      "model_error",
      "The image model refused this prompt under its content policy. Rephrase the request without the disallowed content.",
    );
  }
  if (status === 401 || status === 403) {
    return new AppError("model_error", "The image server rejected the API key. Check OPENAI_API_KEY.");
  }
  if (status === 404) {
    return new AppError(
      "model_error",
      `No image model "${model}" is configured on the server. Set IMAGE_MODEL to an image model that the server at OPENAI_BASE_URL offers.`,
    );
  }
  if (status === 429)
    return new AppError("rate_limited", "The image server is rate-limiting requests. Try again in a minute.");
  if (status === 408 || status === 504)
    return new AppError("model_error", "The image model timed out. Try again, or ask for a smaller image.");
  return new AppError(
    "model_error",
    `The image model failed${status ? ` (HTTP ${status})` : ""}: ${error.message}`,
  );
}

/** Turns whatever `generateImage` threw into an AppError that says what went wrong and what to do. */
export function toImageModelError(error: unknown, model: string): AppError {
  if (error instanceof AppError) return error;
  const cause = unwrapRetry(error);
  if (APICallError.isInstance(cause)) return describeApiCallError(cause, model);
  if (NoImageGeneratedError.isInstance(cause)) {
    return new AppError(
      "model_error",
      "The image model returned no image. Rephrase the prompt or try again.",
    );
  }
  const message = describeError(cause);
  if (/timed? ?out|ETIMEDOUT/i.test(message)) {
    return new AppError("model_error", "The image model timed out. Try again, or ask for a smaller image.");
  }
  return new AppError("model_error", `The image model failed: ${message}`, { cause });
}
