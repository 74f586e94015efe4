// A Word document's text as Markdown. Runs in the conversion worker (conversion-worker.mjs): mammoth
// builds a DOM of the document's XML, some fifty times its size in memory.
import mammoth from "mammoth";
import { htmlToMarkdown } from "./html-to-markdown.mjs";

/**
 * Converts an uncompressed archive of a DOCX's text parts (see extract-docx.ts) to Markdown, keeping
 * its headings: mammoth to HTML, then the shared Turndown rules. Mammoth's own failures (the file is
 * not a Word document it can read) are thrown as an error named "UnreadableDocument".
 * @param {Uint8Array} archive
 * @returns {Promise<string>}
 */
export async function docxToMarkdown(archive) {
  let html;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength) },
      // Images are never read (mammoth adds their alt text by itself), so none needs unpacking.
      { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) },
    );
    html = result.value;
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0].slice(0, 200) : "";
    throw Object.assign(new Error(message, { cause: error }), { name: "UnreadableDocument" });
  }
  return htmlToMarkdown(html);
}
