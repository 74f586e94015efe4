import "server-only";
import { extractDocument } from "@/lib/kb/extract";
import { splitDocument } from "@/lib/kb/split";
import type { AttachmentType } from "./classify-attachment";
import { analyseImage, type ImageAnalysis } from "./image-analysis";
import { describeImageAnalysis } from "./image-description";
import type { AttachmentPassage } from "./passage-index";

// The manager reads the start of each document; the rest it reaches through the retriever's search.
const openingCharacters = 600;

/**
 * What reading an attached file found, kept (as JSON) with the stored file so that every later turn
 * reuses it: an image's measurements, a document's title, opening and passages.
 */
export type AttachmentAnalysis =
  | { kind: "image"; format: string; image: ImageAnalysis | null }
  | {
      kind: "document";
      title: string;
      pages: number | null;
      opening: string;
      chunks: Array<Pick<AttachmentPassage, "text" | "page" | "heading" | "chunkIndex">>;
    };

/**
 * Reads an attached file: images are measured, documents extracted and split with the knowledge
 * base's own extractor and splitter. A document that cannot be read throws the extractor's AppError,
 * which says what to do.
 */
export async function analyseAttachment(
  name: string,
  type: AttachmentType,
  bytes: Uint8Array,
): Promise<AttachmentAnalysis> {
  if (type.kind === "image") {
    return { kind: "image", format: type.format, image: (await analyseImage(type.format, bytes)) ?? null };
  }
  const extracted = await extractDocument(name, type.detected, bytes);
  const chunks = await splitDocument(extracted);
  const text = extracted.sections.map((section) => section.text).join("\n\n");
  return {
    kind: "document",
    title: extracted.title,
    pages: extracted.pages ?? null,
    opening: text.length > openingCharacters ? `${text.slice(0, openingCharacters).trimEnd()}…` : text,
    chunks: chunks.map((chunk) => ({
      text: chunk.text,
      page: chunk.page,
      heading: chunk.heading,
      chunkIndex: chunk.index,
    })),
  };
}

/** What the models are told about an attachment (its summary) and its searchable passages. */
export function describeAttachment(
  id: string,
  name: string,
  analysis: AttachmentAnalysis,
): { summary: string; passages: AttachmentPassage[] } {
  if (analysis.kind === "image") {
    const summary = analysis.image
      ? describeImageAnalysis(name, analysis.image)
      : `The attached image “${name}” is a ${analysis.format} image whose header could not be read.`;
    return {
      summary,
      passages: [{ attachmentId: id, name, text: summary, page: null, heading: null, chunkIndex: 0 }],
    };
  }
  const passages = analysis.chunks.map((chunk): AttachmentPassage => ({ attachmentId: id, name, ...chunk }));
  const pages = analysis.pages ? `, ${analysis.pages} pages` : "";
  return {
    summary: `The attached document “${name}” (title “${analysis.title}”${pages}, ${passages.length} passages) begins:\n${analysis.opening}`,
    passages,
  };
}
