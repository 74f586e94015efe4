// Converts one Word document or HTML page to Markdown and posts it to the parent thread. Runs in its
// own worker thread (see document-conversion.ts) so that a large document never blocks the server,
// can be stopped at a deadline, and has its own memory limit. Plain ESM, not TypeScript, so Node
// starts it as-is under Vitest and under the Next.js server alike.
import { parentPort, workerData } from "node:worker_threads";

/**
 * @typedef {{ kind: "docx"; archive: Uint8Array; maxCharacters: number }
 *   | { kind: "html"; html: string; maxCharacters: number }} ConversionRequest
 */

/** @type {ConversionRequest} */
const request = workerData;

// Only the converter this document needs is loaded: each worker starts afresh.
async function convert() {
  if (request.kind === "html") {
    const { htmlPageToMarkdown } = await import("./html-content.mjs");
    return htmlPageToMarkdown(request.html);
  }
  const { docxToMarkdown } = await import("./docx-content.mjs");
  return { title: "", markdown: await docxToMarkdown(request.archive) };
}

try {
  const { title, markdown } = await convert();
  // Checked before posting, so an absurd text is never copied into the server's heap.
  if (markdown.length > request.maxCharacters) {
    parentPort.postMessage({ type: "too_long", characters: markdown.length });
  } else {
    parentPort.postMessage({ type: "converted", title, markdown });
  }
} catch (error) {
  parentPort.postMessage({
    type: "error",
    unreadable: error?.name === "UnreadableDocument",
    message: error instanceof Error ? error.message : String(error),
  });
}
