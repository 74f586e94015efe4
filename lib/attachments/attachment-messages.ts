import { convertToModelMessages, type ModelMessage, type ToolSet, type UserContent } from "ai";
import type { ChatMessage } from "@/lib/chat/chat-message";
import type { RunAttachment, RunAttachments } from "./run-attachments";

/** How the models get attachments: images as file parts only for a model that can see them. */
export interface AttachmentMessageOptions {
  includeImages: boolean;
}

const usage =
  "These files are not in the knowledge base. The retriever agent's search_knowledge_base searches their text (and the image descriptions) together with the knowledge base, for this conversation only.";

/**
 * A user message that introduces the files attached to the message after it: what each one is, a
 * document's opening or an image's measured description, and the images themselves as file parts.
 * It comes before the user's words so that the request itself stays the last user message.
 */
export function attachmentContextMessage(
  attachments: readonly RunAttachment[],
  options: AttachmentMessageOptions,
): ModelMessage {
  const list = attachments.map((attachment, index) => `[${index + 1}] ${attachment.summary}`).join("\n\n");
  const content: UserContent = [
    {
      type: "text",
      text: `The user attached ${attachments.length} file(s) to their request.\n\n${list}\n\n${usage}`,
    },
  ];
  if (options.includeImages) {
    for (const attachment of attachments) {
      if (attachment.kind !== "image") continue;
      content.push({
        type: "file",
        data: attachment.bytes,
        mediaType: attachment.mediaType,
        filename: attachment.name,
      });
    }
  }
  return { role: "user", content };
}

function withoutFiles(message: ChatMessage): ChatMessage {
  return { ...message, parts: message.parts.filter((part) => part.type !== "file") };
}

/**
 * Converts the conversation for the manager's model. File parts never reach the model as sent (they
 * are untrusted data URLs); each user message with attachments is preceded by its context message.
 */
export async function convertWithAttachments(
  messages: ChatMessage[],
  attachments: RunAttachments,
  options: AttachmentMessageOptions & { tools: ToolSet },
): Promise<ModelMessage[]> {
  const convertOptions = { tools: options.tools, ignoreIncompleteToolCalls: true };
  if (attachments.isEmpty) return convertToModelMessages(messages.map(withoutFiles), convertOptions);
  const converted: ModelMessage[] = [];
  for (const message of messages) {
    const attached = message.role === "user" ? attachments.ofMessage(message.id) : [];
    if (attached.length > 0) converted.push(attachmentContextMessage(attached, options));
    const stripped = withoutFiles(message);
    if (stripped.parts.length > 0)
      converted.push(...(await convertToModelMessages([stripped], convertOptions)));
  }
  return converted;
}
