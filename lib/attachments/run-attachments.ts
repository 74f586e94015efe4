import { type AttachmentPassage, PassageIndex } from "./passage-index";

/** One file attached to a user message, read for this request. */
export interface RunAttachment {
  /** `attachment-<n>`, in the order the files were attached in the conversation. */
  id: string;
  name: string;
  /** The user message it came with. */
  messageId: string;
  kind: "image" | "document";
  /** The type read from the bytes. */
  mediaType: string;
  bytes: Uint8Array;
  /** What the models are told about it: an image's measured description, a document's opening. */
  summary: string;
  passages: AttachmentPassage[];
}

/** The attachments of one request and their passage index, handed to every agent of the run. */
export class RunAttachments {
  constructor(
    readonly all: readonly RunAttachment[],
    private readonly index: PassageIndex,
  ) {}

  static none(): RunAttachments {
    return new RunAttachments([], new PassageIndex([]));
  }

  get isEmpty(): boolean {
    return this.all.length === 0;
  }

  /** The attachments that came with one user message. */
  ofMessage(messageId: string): RunAttachment[] {
    return this.all.filter((attachment) => attachment.messageId === messageId);
  }

  /** The passages of the attached files that best match a query, best first. */
  search(query: string, limit: number): Array<AttachmentPassage & { score: number }> {
    return this.index.search(query, limit);
  }
}
