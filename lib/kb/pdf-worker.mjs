// Reads the text layer of one PDF, page by page from workerData.firstPage, and posts each page to
// the parent thread.
// Runs in its own worker thread (see pdf-extraction.ts) so that a slow or hostile PDF never blocks
// the server, can be stopped at a deadline, and has its own memory limit. Plain ESM, not
// TypeScript, so Node starts it as-is under Vitest and under the Next.js server alike.
import { parentPort, workerData } from "node:worker_threads";

const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");

// Only text is read: no fonts, images, scripts, XFA forms or network. `isEvalSupported: false`
// keeps pdf.js from compiling code found in a PDF (older releases compiled font programs; 6.x has
// no eval path left, and the flag guards against a downgrade).
const loadingTask = getDocument({
  data: workerData.bytes,
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  useWasm: false,
  enableXfa: false,
  isOffscreenCanvasSupported: false,
  isImageDecoderSupported: false,
  disableAutoFetch: true,
  disableStream: true,
  verbosity: 0,
});

// pdf.js returns positioned runs; a jump in the baseline is a new line, a large jump a new paragraph.
function joinTextItems(items) {
  let text = "";
  let lastY;
  for (const item of items) {
    if (typeof item.str !== "string" || !Array.isArray(item.transform)) continue;
    const y = item.transform[5];
    if (lastY !== undefined && Math.abs(y - lastY) > 1 && !text.endsWith("\n")) {
      text += Math.abs(y - lastY) > Math.max(item.height, 1) * 1.8 ? "\n\n" : "\n";
    }
    text += item.str;
    if (item.hasEOL) text += "\n";
    if (item.str) lastY = y;
  }
  return text;
}

async function readTitle(pdf) {
  let info;
  try {
    info = (await pdf.getMetadata()).info;
  } catch {
    // A broken info dictionary does not spoil a PDF whose text is readable: the file name is the title then.
    return undefined;
  }
  const title = info?.Title;
  return typeof title === "string" && title.trim() ? title.trim() : undefined;
}

// A check (see pdf-extraction.ts) reads a short PDF whole, so that its ingestion needs no second
// worker, and a long one only until its first page with text.
function lastPageToRead(pageCount) {
  const { checkPages } = workerData;
  return checkPages === undefined ? pageCount : Math.min(pageCount, checkPages);
}

try {
  const pdf = await loadingTask.promise;
  parentPort.postMessage({ type: "opened", pages: pdf.numPages, title: await readTitle(pdf) });
  const lastPage = lastPageToRead(pdf.numPages);
  const stopAtText = lastPage < pdf.numPages;
  for (let pageNumber = workerData.firstPage; pageNumber <= lastPage; pageNumber++) {
    const page = await pdf.getPage(pageNumber);
    const content = await page.getTextContent();
    const text = joinTextItems(content.items);
    parentPort.postMessage({ type: "page", page: pageNumber, text });
    page.cleanup();
    if (stopAtText && text.trim()) break;
  }
  parentPort.postMessage({ type: "done" });
} catch (error) {
  parentPort.postMessage({
    type: "error",
    name: error instanceof Error ? error.name : "Error",
    message: error instanceof Error ? error.message : String(error),
  });
} finally {
  await loadingTask.destroy();
}
