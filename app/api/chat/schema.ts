import { z } from "zod";

const messagePartSchema = z.object({ type: z.string() }).passthrough();

/** The body `useChat` sends through `DefaultChatTransport`, plus the agents switched off. */
export const chatRequestSchema = z.object({
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
});
