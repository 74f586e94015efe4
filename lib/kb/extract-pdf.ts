import "server-only";
import { AppError } from "@/lib/errors";
import {
  type ExtractedDocument,
  type ExtractedSection,
  normalizeText,
  titleFromFileName,
} from "./extracted-document";

interface PositionedText {
  str: string;
  hasEOL: boolean;
  transform: number[];
  height: number;
}

/**
 * Extracts the text layer of a PDF page by page with pdf.js (legacy build for Node). No font
 * loading, no image decoders: only text is read. (pdf.js 6 never evaluates code from a PDF; its
 * former `isEvalSupported` option is gone.) A PDF without any text (a scan) is refused, since OCR is not
 * supported; encrypted and damaged files are refused with what to do.
 */
export async function extractPdf(name: string, bytes: Uint8Array): Promise<ExtractedDocument> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const loadingTask = getDocument({
    // pdf.js may transfer (detach) the buffer it is given, so it gets its own copy.
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    useWasm: false,
    enableXfa: false,
    verbosity: 0,
  });
  try {
    const pdf = await loadingTask.promise.catch((error: unknown) => {
      throw describePdfError(name, error);
    });
    const sections: ExtractedSection[] = [];
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
      const page = await pdf.getPage(pageNumber);
      const content = await page.getTextContent();
      const text = normalizeText(joinTextItems(content.items.filter(isPositionedText)));
      if (text) sections.push({ text, page: pageNumber });
      page.cleanup();
    }
    if (sections.length === 0) {
      throw new AppError(
        "unsupported_media_type",
        `“${name}” has no text layer: it looks like a scanned PDF. Scanned PDFs need OCR, which is not supported; upload a PDF with selectable text.`,
      );
    }
    const title = (await readPdfTitle(pdf)) ?? titleFromFileName(name);
    return { title, format: "text", sections, pages: pdf.numPages };
  } finally {
    await loadingTask.destroy();
  }
}

function isPositionedText<Item extends object>(item: Item): item is Item & PositionedText {
  return "str" in item && "transform" in item;
}

// pdf.js returns positioned runs; a jump in the baseline is a new line, a large jump a new paragraph.
function joinTextItems(items: PositionedText[]): string {
  let text = "";
  let lastY: number | undefined;
  for (const item of items) {
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

function describePdfError(name: string, error: unknown): AppError {
  const errorName = error instanceof Error ? error.name : "";
  if (errorName === "PasswordException") {
    return new AppError(
      "unsupported_media_type",
      `“${name}” is password-protected. Remove the password (for example, print it to a new PDF) and upload it again.`,
      { cause: error },
    );
  }
  const detail = error instanceof Error ? ` (${error.message})` : "";
  return new AppError(
    "bad_request",
    `“${name}” could not be read as a PDF${detail}: the file is damaged or incomplete. Export it again and upload the new file.`,
    { cause: error },
  );
}

/** The title from the PDF's info dictionary. A broken info dictionary does not spoil a PDF whose text is readable. */
async function readPdfTitle(pdf: { getMetadata(): Promise<{ info: unknown }> }): Promise<string | undefined> {
  let info: { Title?: unknown } | undefined;
  try {
    info = (await pdf.getMetadata()).info as { Title?: unknown };
  } catch {
    return undefined;
  }
  return typeof info?.Title === "string" && info.Title.trim() ? info.Title.trim() : undefined;
}
