import "server-only";
import mammoth from "mammoth";
import { AppError } from "@/lib/errors";
import {
  type ExtractedDocument,
  normalizeText,
  titleFromFileName,
  titleFromMarkdown,
} from "./extracted-document";
import { htmlToMarkdown } from "./html-to-markdown";
import { listZipEntries } from "./zip-entries";

// A DOCX is a ZIP; a small upload can expand enormously (a "zip bomb"), so the expanded size is capped.
const maxExpandedBytes = 256 * 1024 * 1024;

/** Extracts a Word document as Markdown (mammoth to HTML, then Turndown), keeping its headings. */
export async function extractDocx(name: string, bytes: Uint8Array): Promise<ExtractedDocument> {
  const expanded = (listZipEntries(bytes) ?? []).reduce((total, entry) => total + entry.uncompressedSize, 0);
  if (expanded > maxExpandedBytes) {
    throw new AppError(
      "payload_too_large",
      `“${name}” expands to more than ${maxExpandedBytes / 1024 / 1024} MB when unpacked. Split it into smaller documents and upload those.`,
    );
  }
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    html = result.value;
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message.split("\n")[0].slice(0, 200)})` : "";
    throw new AppError(
      "bad_request",
      `“${name}” could not be read as a Word document${detail}. Open it in Word or LibreOffice, save it again as .docx and upload the new file.`,
      { cause: error },
    );
  }
  const markdown = normalizeText(htmlToMarkdown(html));
  return {
    title: titleFromMarkdown(markdown, titleFromFileName(name)),
    format: "markdown",
    sections: markdown ? [{ text: markdown, page: null }] : [],
    pages: null,
  };
}
