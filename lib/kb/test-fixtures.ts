import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import { closeDatabaseForTests } from "@/lib/db/database";
import { resetEnvironmentForTests } from "@/lib/env";
import { flushTraceWrites } from "@/lib/trace/telemetry";
import { listDocuments } from "./documents";
import { waitForIngestion } from "./ingestion-jobs";
import { waitForReindex } from "./reindex";
import { closeKnowledgeStoreForTests, openChunksTable } from "./store";

export {
  buildDocx,
  buildDocxBomb,
  buildLongPdf,
  buildPdf,
  buildZipArchive,
  sampleHtml,
  sampleMarkdown,
} from "./fixture-documents";
export { hostileFiles } from "./fixture-hostile-files";

/**
 * Gives each test a fresh DATA_DIR (metadata database, LanceDB, originals) and offline embeddings,
 * plus any extra environment. Waits for background ingestion before tearing down, so no job outlives its test.
 */
export function useKnowledgeBaseDirectory(environment: Record<string, string> = {}): {
  directory: () => string;
} {
  let directory = "";
  const saved = { ...process.env };
  beforeEach(async () => {
    directory = mkdtempSync(path.join(tmpdir(), "kb-test-"));
    process.env.DATA_DIR = directory;
    delete process.env.OPENAI_API_KEY;
    Object.assign(process.env, environment);
    resetEnvironmentForTests();
    await closeDatabaseForTests();
  });
  afterEach(async () => {
    await waitForReindex();
    for (const document of await listDocuments()) await waitForIngestion(document.id);
    await closeKnowledgeStoreForTests();
    await flushTraceWrites();
    await closeDatabaseForTests();
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    resetEnvironmentForTests();
    rmSync(directory, { recursive: true, force: true });
  });
  return { directory: () => directory };
}

/** A File as the route receives it from a multipart upload. */
export function makeFile(name: string, content: string | Uint8Array, type = ""): File {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return new File([bytes as Uint8Array<ArrayBuffer>], name, { type });
}

/**
 * Everything a refused upload must leave as it was: the document rows, the stored originals, and
 * the chunks table's version and row count.
 */
export async function knowledgeBaseSnapshot(directory: string) {
  const table = await openChunksTable();
  const originals = path.join(directory, "originals");
  return {
    documents: await listDocuments(),
    originals: existsSync(originals) ? readdirSync(originals).sort() : [],
    tableVersion: table ? await table.version() : undefined,
    rows: table ? await table.countRows() : 0,
  };
}
