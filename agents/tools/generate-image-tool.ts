import { tool } from "ai";
import { z } from "zod";
import { generateAndStoreImage } from "@/lib/images/generate";

/** What the image tool needs from the request: the ids the stored image is filed under. */
export type GenerateImageToolContext = { traceId?: string; chatId?: string };

/**
 * `generate_image`: generates one image, stores it and returns its URL. A factory because the stored
 * image records the request's trace and chat. Failures throw AppError, which the SDK reports as a tool error.
 */
export function createGenerateImageTool(context: GenerateImageToolContext) {
  return tool({
    description:
      "Generates one image from a detailed text prompt and returns its URL, which the chat shows inline. Describe the subject, setting, style, lighting and composition.",
    inputSchema: z.object({
      prompt: z
        .string()
        .min(1)
        .max(4000)
        .describe(
          "A vivid, specific description of the image: subject, setting, style, lighting and composition.",
        ),
      size: z
        .enum(["256x256", "512x512", "1024x1024"])
        .optional()
        .describe("Width x height in pixels. Leave it out for the model's default."),
    }),
    execute: ({ prompt, size }, { abortSignal }) =>
      generateAndStoreImage({ prompt, size, abortSignal, traceId: context.traceId, chatId: context.chatId }),
  });
}
