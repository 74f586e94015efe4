import "server-only";
import type { ImageModelV4 } from "@ai-sdk/provider";
import { generateImage } from "ai";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getImageModel, isOffline } from "@/lib/models/provider";
import { isUnsupportedSizeError, toImageModelError } from "./image-model-errors";
import type { ImageSize } from "./image-sizes";
import { saveGeneratedImage } from "./image-store";
import { type GeneratedImageResult, toGeneratedImageResult } from "./image-view";
import { readPngSize } from "./png-encoder";

export type { ImageSize } from "./image-sizes";
export type { GeneratedImageResult } from "./image-view";

export type GenerateImageRequest = {
  /** The prompt the image model draws (the image agent's refinement). */
  prompt: string;
  /** What the image agent was asked for, kept beside the refined prompt. */
  request?: string;
  size?: ImageSize;
  abortSignal?: AbortSignal;
  traceId?: string;
  chatId?: string;
};

async function requestImage(
  model: ImageModelV4,
  request: GenerateImageRequest,
  size: ImageSize | undefined,
  abortSignal: AbortSignal,
) {
  const { image } = await generateImage({ model, prompt: request.prompt, size, abortSignal, maxRetries: 1 });
  return image.uint8Array;
}

// Servers differ in the sizes they accept (gpt-image-1 has no 512x512); when one refuses the size,
// its default size is better than no image at all.
async function requestImageWithFallback(
  model: ImageModelV4,
  request: GenerateImageRequest,
  abortSignal: AbortSignal,
): Promise<Uint8Array> {
  try {
    return await requestImage(model, request, request.size, abortSignal);
  } catch (error) {
    if (!request.size || !isUnsupportedSizeError(error)) throw error;
    return requestImage(model, request, undefined, abortSignal);
  }
}

function timeoutError(timeoutMs: number): AppError {
  return new AppError(
    "model_error",
    `The image model did not answer within ${Number((timeoutMs / 1000).toFixed(2))} s and the request was stopped. Try again, or ask for a smaller image (IMAGE_TIMEOUT_MS sets the limit).`,
  );
}

async function drawImage(model: ImageModelV4, request: GenerateImageRequest): Promise<Uint8Array> {
  const timeoutMs = getEnvironment().IMAGE_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signals = request.abortSignal ? [request.abortSignal, deadline] : [deadline];
  try {
    return await requestImageWithFallback(model, request, AbortSignal.any(signals));
  } catch (error) {
    if (request.abortSignal?.aborted) throw error;
    if (deadline.aborted) throw timeoutError(timeoutMs);
    throw toImageModelError(error, model.modelId);
  }
}

/**
 * Generates one image with the configured image model (the offline stand-in without an API key),
 * stores it under DATA_DIR with its prompt, request, model, size, trace and chat, and returns where
 * it is served. Model failures (a refusal, a timeout, a missing model) become AppError
 * "model_error" (or "rate_limited") with a readable message; an abort is rethrown as it is.
 */
export async function generateAndStoreImage(request: GenerateImageRequest): Promise<GeneratedImageResult> {
  const model = getImageModel();
  const bytes = await drawImage(model, request);
  const pixels = readPngSize(bytes);
  const stored = await saveGeneratedImage({
    bytes,
    prompt: request.prompt,
    request: request.request,
    model: model.modelId,
    size: pixels ? `${pixels.width}x${pixels.height}` : (request.size ?? "default"),
    offline: isOffline(),
    traceId: request.traceId,
    chatId: request.chatId,
  });
  return toGeneratedImageResult(stored);
}
