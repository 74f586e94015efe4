import { z } from "zod";
import { findAttachmentProblem } from "@/lib/attachments/find-attachment-problem";

const messagePartSchema = z.object({ type: z.string() }).passthrough();

/**
 * The body `useChat` sends through `DefaultChatTransport`, plus the agents switched off. Attached
 * files (file parts) must be base64 data URLs of a readable type within the size limits.
 */
export const chatRequestSchema = z
  .object({
    id: z.string().min(1).max(200),
    messages: z
      .array(
        z
          .object({
            id: z.string(),
            role: z.enum(["system", "user", "assistant"]),
            parts: z.array(messagePartSchema),
            metadata: z.unknown().optional(),
          })
          .passthrough(),
      )
      .min(1)
      .max(500),
    trigger: z.enum(["submit-message", "regenerate-message"]).optional(),
    messageId: z.string().optional(),
    disabledAgents: z.array(z.string().max(100)).max(20).default([]),
  })
  .superRefine((body, context) => {
    const problem = findAttachmentProblem(body.messages);
    if (problem) context.addIssue({ code: "custom", message: problem, path: ["messages"] });
  });
