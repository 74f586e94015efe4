import { tool } from "ai";
import { z } from "zod";
import { getEnvironment } from "@/lib/env";
import { generateAndStoreImage } from "@/lib/images/generate";
import type { ImageSize } from "@/lib/images/image-sizes";

/** What the image tool needs from the request: the ids the image is filed under, and what was asked. */
export type GenerateImageToolContext = {
  traceId?: string;
  chatId?: string;
  /** The image agent's task, stored beside the refined prompt the tool is called with. */
  request?: string;
};

function sizeSchema(sizes: ImageSize[]) {
  const [first, ...rest] = sizes;
  return z
    .enum([first, ...rest])
    .optional()
    .describe(
      `Width x height in pixels, one of ${sizes.join(", ")}. Wider than tall for landscapes, taller than wide for portraits; leave it out for the model's default.`,
    );
}

/**
 * `generate_image`: generates one image, stores it and returns its URL. A factory because the stored
 * image records the request's trace, chat and task, and the sizes come from IMAGE_SIZES. Failures
 * throw AppError, which the SDK reports as a tool error the image agent reads and passes on.
 */
export function createGenerateImageTool(context: GenerateImageToolContext) {
  return tool({
    description:
      "Generates one image from a detailed text prompt and returns its URL, which the chat shows inline with the prompt. Describe the subject, setting, style, lighting and composition.",
    inputSchema: z.object({
      prompt: z
        .string()
        .min(1)
        .max(4000)
        .describe(
          "A vivid, specific description of the image: subject, setting, style, lighting and composition.",
        ),
      size: sizeSchema(getEnvironment().IMAGE_SIZES),
    }),
    execute: ({ prompt, size }, { abortSignal }) =>
      generateAndStoreImage({
        prompt,
        size,
        abortSignal,
        request: context.request,
        traceId: context.traceId,
        chatId: context.chatId,
      }),
  });
}
