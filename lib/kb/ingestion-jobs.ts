import "server-only";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { describeModelError } from "@/lib/models/model-errors";
import { processSingleton } from "@/lib/process-singleton";
import { deleteChunks } from "./chunk-writes";
import {
  markDocumentFailed,
  releaseDocumentLease,
  renewDocumentLeases,
  selectDocument,
} from "./document-rows";
import type { KnowledgeDocument } from "./document-types";
import { type IngestionInput, runIngestionPipeline } from "./ingestion-pipeline";

interface RunningJob {
  controller: AbortController;
  done: Promise<void>;
}

/** Why a job was stopped on purpose; its message becomes the document's error. */
export class IngestionStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IngestionStopped";
  }
}

function runningJobs(): Map<string, RunningJob> {
  return processSingleton("kb.jobs", () => new Map<string, RunningJob>());
}

/** How often this server renews its documents' leases (several times per LEASE_MS) and looks for ones stopped elsewhere. */
function leaseRenewalMs(): number {
  return Math.min(2_000, getEnvironment().LEASE_MS / 4);
}

const stoppedElsewhere = "Adding the document was stopped: it was cancelled or deleted.";

/**
 * While this process ingests anything: every `leaseRenewalMs`, renew the jobs' leases, and stop the
 * jobs whose document was cancelled or deleted meanwhile (the request may have reached another replica).
 */
function ensureLeaseRenewal(): void {
  const renewal = processSingleton("kb.lease-renewal", () => ({
    timer: undefined as NodeJS.Timeout | undefined,
    intervalMs: 0,
  }));
  const intervalMs = leaseRenewalMs();
  // A timer set up for another LEASE_MS (tests change it) is replaced, never left renewing too rarely.
  if (renewal.timer && renewal.intervalMs === intervalMs) return;
  clearInterval(renewal.timer);
  renewal.intervalMs = intervalMs;
  renewal.timer = setInterval(() => {
    const jobs = runningJobs();
    if (jobs.size === 0) {
      clearInterval(renewal.timer);
      renewal.timer = undefined;
      return;
    }
    renewDocumentLeases([...jobs.keys()]).then(
      (stopped) => {
        for (const id of stopped) jobs.get(id)?.controller.abort(new IngestionStopped(stoppedElsewhere));
      },
      // The lease is not lost yet: the next tick tries again before it runs out.
      (error: unknown) => console.error("Could not renew the leases of documents being added", error),
    );
  }, intervalMs).unref();
}

/** Starts ingesting a document in the background; its row tracks stage and progress. */
export function startIngestionJob(input: IngestionInput): void {
  const controller = new AbortController();
  const done = runIngestion(input, controller.signal).finally(() => runningJobs().delete(input.documentId));
  // Nobody awaits a background job; a failure to even record the failure must still be visible.
  done.catch((error: unknown) => console.error(`Ingestion of ${input.documentId} could not finish`, error));
  runningJobs().set(input.documentId, { controller, done });
  ensureLeaseRenewal();
}

/** Waits until a document's ingestion job (if any) has finished, then returns the document. */
export async function waitForIngestion(documentId: string): Promise<KnowledgeDocument | undefined> {
  await runningJobs().get(documentId)?.done;
  return selectDocument(documentId);
}

/** True while this process is ingesting the document. */
export function isIngestionRunning(documentId: string): boolean {
  return runningJobs().has(documentId);
}

/** Stops a running ingestion with a reason (kept as the document's error) and waits for its clean-up. */
export async function stopIngestion(documentId: string, reason: string): Promise<boolean> {
  const job = runningJobs().get(documentId);
  if (!job) return false;
  job.controller.abort(new IngestionStopped(reason));
  await job.done;
  return true;
}

async function runIngestion(input: IngestionInput, signal: AbortSignal): Promise<void> {
  try {
    await runIngestionPipeline(input, signal);
  } catch (error) {
    // Never leave half a document searchable: whatever was added goes, and the row says failed either way.
    try {
      await deleteChunks(input.documentId);
    } finally {
      await markDocumentFailed(input.documentId, failureMessage(error, signal));
    }
  } finally {
    // This job writes nothing more: a retry, here or on another replica, may start.
    await releaseDocumentLease(input.documentId);
  }
}

function failureMessage(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) {
    return signal.reason instanceof IngestionStopped
      ? signal.reason.message
      : "Adding the document was stopped.";
  }
  if (error instanceof AppError) return `${error.message}`;
  return `Embedding or indexing failed: ${describeModelError(error)} Retry once this is fixed.`;
}
