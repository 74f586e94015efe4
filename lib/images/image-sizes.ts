import { z } from "zod";

export type ImageSize = `${number}x${number}`;

/** What most OpenAI-compatible servers draw: gpt-image-1's three, and dall-e-2's smaller squares. */
export const defaultImageSizes: ImageSize[] = ["1024x1024", "1536x1024", "1024x1536", "512x512", "256x256"];

const sizePattern = /^([1-9]\d{1,4})x([1-9]\d{1,4})$/;

/** IMAGE_SIZES: the sizes `generate_image` offers, comma-separated `WIDTHxHEIGHT`; unset gives the defaults. */
export const imageSizesSchema = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean),
  )
  .refine((sizes) => sizes.every((size) => sizePattern.test(size)), {
    message: "list sizes as WIDTHxHEIGHT in pixels, comma-separated, e.g. 1024x1024,1536x1024",
  })
  .transform((sizes) => (sizes.length > 0 ? [...new Set(sizes)] : defaultImageSizes) as ImageSize[]);
