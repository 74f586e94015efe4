import { processSingleton } from "@/lib/process-singleton";

interface SlotPool {
  busy: number;
  waiting: Array<() => void>;
}

/**
 * Waits for one of `limit` slots of a named pool (per process) and returns its release function,
 * so that at most `limit` heavy workers of a kind (PDF checks, PDF reading, document conversions)
 * run at once on a small machine.
 */
export function acquireSlot(pool: string, limit: number): Promise<() => void> {
  const slots = processSingleton(`kb.slots.${pool}`, (): SlotPool => ({ busy: 0, waiting: [] }));
  return new Promise((resolve) => {
    const grant = () => {
      slots.busy++;
      let released = false;
      resolve(() => {
        if (released) return;
        released = true;
        slots.busy--;
        slots.waiting.shift()?.();
      });
    };
    if (slots.busy < limit) grant();
    else slots.waiting.push(grant);
  });
}
