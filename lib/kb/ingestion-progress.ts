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
  let lastStage: IngestionStage | undefined;
  let lastFraction = 0;
  let lastWrite = 0;
  return (stage: IngestionStage, fraction: number, detail?: string) => {
    const now = Date.now();
    const bounded = Math.max(lastFraction, Math.min(0.99, fraction));
    if (stage === lastStage && now - lastWrite < minimumIntervalMs) return;
    lastStage = stage;
    lastFraction = bounded;
    lastWrite = now;
    updateDocumentProgress(documentId, { stage, fraction: bounded, detail });
  };
}
