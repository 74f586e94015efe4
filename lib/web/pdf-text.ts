import "server-only";
import { webRefused } from "./web-errors";

/** Text of a PDF found on the web, with its title when the document declares one. */
export interface PdfText {
  title: string;
  text: string;
}

// A web page read for an answer needs its first pages, not all of a 900-page manual.
const maxPages = 60;

/**
 * Extracts the text layer of a PDF with pdf.js (legacy build, which runs in Node; no fonts
 * loaded). pdf.js 6 dropped `isEvalSupported` along with its last eval-based code path, so there
 * is nothing to disable. Pages are separated by blank lines; only the first 60 pages are read.
 */
export async function extractPdfText(body: Buffer, url: string): Promise<PdfText> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const loadingTask = getDocument({
    // pdf.js may detach the buffer it is given, so it gets a copy.
    data: new Uint8Array(body),
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const pdf = await loadingTask.promise.catch((error: unknown) => {
      throw webRefused(
        `${url} is a PDF that could not be read (${error instanceof Error ? error.message : error})`,
      );
    });
    const pages: string[] = [];
    for (let pageNumber = 1; pageNumber <= Math.min(pdf.numPages, maxPages); pageNumber++) {
      const page = await pdf.getPage(pageNumber);
      const content = await page.getTextContent();
      const lines = content.items.map((item) =>
        "str" in item ? `${item.str}${item.hasEOL ? "\n" : ""}` : "",
      );
      pages.push(lines.join("").trim());
      page.cleanup();
    }
    const metadata = await pdf.getMetadata();
    const declaredTitle = (metadata.info as { Title?: unknown } | undefined)?.Title;
    const title = typeof declaredTitle === "string" ? declaredTitle.trim() : "";
    if (pdf.numPages > maxPages)
      pages.push(`_Only the first ${maxPages} of ${pdf.numPages} pages were read._`);
    return { title, text: pages.filter(Boolean).join("\n\n") };
  } finally {
    await loadingTask.destroy();
  }
}
