import { processSingleton } from "./process-singleton";

const inFlight = () => processSingleton("kb.uploadsInFlight", () => ({ count: 0 }));

/**
 * Marks an upload as being checked and stored until `run` settles. A re-index must not start in that
 * window: it would snapshot the documents without this one, whose passages would then go into the
 * table the re-index is about to drop.
 */
export async function trackUpload<Result>(run: () => Promise<Result>): Promise<Result> {
  inFlight().count++;
  try {
    return await run();
  } finally {
    inFlight().count--;
  }
}

/** How many uploads are being checked or stored right now. */
export function uploadsInFlight(): number {
  return inFlight().count;
}
