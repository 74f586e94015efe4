export type SandboxJsonValue =
  | string
  | number
  | boolean
  | null
  | SandboxJsonValue[]
  | { [key: string]: SandboxJsonValue };

/** What went wrong inside the sandbox, written so that the model can correct its code. */
export type SandboxError = { name: string; message: string; line?: number };

/** The outcome of one run: the last expression's value and the printed lines, or what went wrong. */
export type SandboxResult =
  | { ok: true; result?: SandboxJsonValue; logs: string[]; durationMs: number }
  | { ok: false; error: SandboxError; logs: string[]; durationMs: number };

function formatSeconds(milliseconds: number): string {
  return `${Number((milliseconds / 1000).toFixed(2))} s`;
}

export function timeoutError(timeoutMs: number): SandboxError {
  return {
    name: "TimeoutError",
    message: `The code ran longer than ${formatSeconds(timeoutMs)} and was stopped. Look for an endless loop or do less work.`,
  };
}

export function memoryError(memoryLimitBytes: number): SandboxError {
  const megabytes = Math.round(memoryLimitBytes / (1024 * 1024));
  return {
    name: "MemoryLimitError",
    message: `The code used more than ${megabytes} MB of memory and was stopped. Work with smaller data.`,
  };
}

export const abortedError: SandboxError = {
  name: "AbortError",
  message: "The code was stopped before it finished.",
};
