import "server-only";
import type { ImageModelV4 } from "@ai-sdk/provider";
import { generateImage } from "ai";
import { getImageModel, isOffline } from "@/lib/models/provider";
import { isUnsupportedSizeError, toImageModelError } from "./image-model-errors";
import { saveGeneratedImage } from "./image-store";
import { readPngSize } from "./png-encoder";

export type ImageSize = `${number}x${number}`;

export type GenerateImageRequest = {
  prompt: string;
  size?: ImageSize;
  abortSignal?: AbortSignal;
  traceId?: string;
  chatId?: string;
};

/** What the chat shows and the model reads: where the stored image is served, and how it was made. */
export type GeneratedImageResult = {
  id: string;
  url: string;
  prompt: string;
  size: string;
  model: string;
  offline: boolean;
};

async function requestImage(model: ImageModelV4, request: GenerateImageRequest, size: ImageSize | undefined) {
  const { image } = await generateImage({
    model,
    prompt: request.prompt,
    size,
    abortSignal: request.abortSignal,
    maxRetries: 1,
  });
  return image.uint8Array;
}

// Servers differ in the sizes they accept (gpt-image-1 has no 512x512); when one refuses the size,
// its default size is better than no image at all.
async function requestImageWithFallback(
  model: ImageModelV4,
  request: GenerateImageRequest,
): Promise<Uint8Array> {
  try {
    return await requestImage(model, request, request.size);
  } catch (error) {
    if (!request.size || !isUnsupportedSizeError(error)) throw error;
    return requestImage(model, request, undefined);
  }
}

/**
 * Generates one image with the configured image model (the offline stand-in without an API key),
 * stores it under DATA_DIR and returns where it is served. Model failures become AppError
 * "model_error" (or "rate_limited") with a readable message; an abort is rethrown as it is.
 */
export async function generateAndStoreImage(request: GenerateImageRequest): Promise<GeneratedImageResult> {
  const model = getImageModel();
  let bytes: Uint8Array;
  try {
    bytes = await requestImageWithFallback(model, request);
  } catch (error) {
    if (request.abortSignal?.aborted) throw error;
    throw toImageModelError(error, model.modelId);
  }
  const pixels = readPngSize(bytes);
  const stored = await saveGeneratedImage({
    bytes,
    prompt: request.prompt,
    model: model.modelId,
    size: pixels ? `${pixels.width}x${pixels.height}` : (request.size ?? "default"),
    offline: isOffline(),
    traceId: request.traceId,
    chatId: request.chatId,
  });
  const { id, prompt, size, offline } = stored;
  return { id, url: `/api/images/${id}`, prompt, size, model: stored.model, offline };
}
