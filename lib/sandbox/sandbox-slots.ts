// Each run is a worker with its own heap and up to ~100 MB of WebAssembly memory, so only a few
// run at once; the rest wait their turn (and can be aborted while they wait).
const maxConcurrentRuns = 4;
let running = 0;
const waiting: Array<() => void> = [];

/** Waits for a free slot; false when the signal aborted first. Every true must be paired with releaseSandboxSlot. */
export function acquireSandboxSlot(signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (running < maxConcurrentRuns) {
    running++;
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const grant = () => {
      signal?.removeEventListener("abort", cancel);
      running++;
      resolve(true);
    };
    const cancel = () => {
      waiting.splice(waiting.indexOf(grant), 1);
      resolve(false);
    };
    waiting.push(grant);
    signal?.addEventListener("abort", cancel, { once: true });
  });
}

export function releaseSandboxSlot(): void {
  running--;
  waiting.shift()?.();
}
