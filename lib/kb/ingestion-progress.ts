import "server-only";
import { updateDocumentProgress } from "./document-rows";
import type { IngestionStage } from "./document-types";

/** At most one progress write per this interval, so a 200-page PDF does not make 200 database commits. */
const minimumIntervalMs = 250;

/**
 * Reports a document's stage and progress to its row, where the UI polls it. Progress never goes
 * back; writes are throttled except when the stage changes.
 */
export function createProgressReporter(documentId: string) {
  // Writes go in order; the first failure is kept and thrown by `settled`, before the document is marked ready.
  let writes: Promise<void> = Promise.resolve();
  let failure: unknown;
  let lastStage: IngestionStage | undefined;
  let lastFraction = 0;
  let lastWrite = 0;
  const report = (stage: IngestionStage, fraction: number, detail?: string) => {
    const now = Date.now();
    const bounded = Math.max(lastFraction, Math.min(0.99, fraction));
    if (stage === lastStage && now - lastWrite < minimumIntervalMs) return;
    lastStage = stage;
    lastFraction = bounded;
    lastWrite = now;
    writes = writes
      .then(() => updateDocumentProgress(documentId, { stage, fraction: bounded, detail }))
      .catch((error: unknown) => {
        failure ??= error;
      });
  };
  /** Waits for the progress written so far; throws the first write that failed. */
  report.settled = async () => {
    await writes;
    if (failure !== undefined) throw failure;
  };
  return report;
}
