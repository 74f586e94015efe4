import "server-only";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { extractDocument } from "@/lib/kb/extract";
import { splitDocument } from "@/lib/kb/split";
import { attachmentName, classifyAttachment } from "./classify-attachment";
import { decodeDataUrl } from "./data-url";
import { analyseImage } from "./image-analysis";
import { describeImageAnalysis } from "./image-description";
import { type AttachmentPassage, PassageIndex } from "./passage-index";
import { type RunAttachment, RunAttachments } from "./run-attachments";

// The manager reads the start of each document; the rest it reaches through the retriever's search.
const openingCharacters = 600;

async function prepareImage(
  id: string,
  name: string,
  format: Parameters<typeof analyseImage>[0],
  bytes: Uint8Array,
) {
  const analysis = await analyseImage(format, bytes);
  const description = analysis
    ? describeImageAnalysis(name, analysis)
    : `The attached image “${name}” is a ${format} image whose header could not be read.`;
  const passage: AttachmentPassage = {
    attachmentId: id,
    name,
    text: description,
    page: null,
    heading: null,
    chunkIndex: 0,
  };
  return { summary: description, passages: [passage] };
}

async function prepareDocument(
  id: string,
  name: string,
  detected: Parameters<typeof extractDocument>[1],
  bytes: Uint8Array,
) {
  const extracted = await extractDocument(name, detected, bytes);
  const chunks = await splitDocument(extracted);
  const passages = chunks.map(
    (chunk): AttachmentPassage => ({
      attachmentId: id,
      name,
      text: chunk.text,
      page: chunk.page,
      heading: chunk.heading,
      chunkIndex: chunk.index,
    }),
  );
  const text = extracted.sections.map((section) => section.text).join("\n\n");
  const opening = text.length > openingCharacters ? `${text.slice(0, openingCharacters).trimEnd()}…` : text;
  const pages = extracted.pages ? `, ${extracted.pages} pages` : "";
  return {
    summary: `The attached document “${name}” (title “${extracted.title}”${pages}, ${passages.length} passages) begins:\n${opening}`,
    passages,
  };
}

/**
 * Reads the files attached to the conversation's user messages (already checked by the route):
 * images are measured and described, documents are extracted and split with the knowledge base's
 * own extractor and splitter. Nothing is stored; the passages are searchable for this request only.
 * A document that cannot be read throws the extractor's AppError, which says what to do.
 */
export async function prepareAttachments(messages: ChatMessage[]): Promise<RunAttachments> {
  const attachments: RunAttachment[] = [];
  for (const message of messages) {
    if (message.role !== "user") continue;
    for (const part of message.parts) {
      if (part.type !== "file") continue;
      const decoded = decodeDataUrl(part.url);
      if (!decoded) continue;
      const id = `attachment-${attachments.length + 1}`;
      const name = attachmentName(part.filename);
      const type = classifyAttachment(name, decoded.bytes);
      const prepared =
        type.kind === "image"
          ? await prepareImage(id, name, type.format, decoded.bytes)
          : await prepareDocument(id, name, type.detected, decoded.bytes);
      attachments.push({
        id,
        name,
        messageId: message.id,
        kind: type.kind,
        mediaType: type.mediaType,
        bytes: decoded.bytes,
        ...prepared,
      });
    }
  }
  return new RunAttachments(
    attachments,
    new PassageIndex(attachments.flatMap((attachment) => attachment.passages)),
  );
}
