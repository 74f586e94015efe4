import type {
  ImageModelV4,
  ImageModelV4CallOptions,
  ImageModelV4Result,
  SharedV4Warning,
} from "@ai-sdk/provider";
import { encodePng } from "./png-encoder";
import { drawProceduralImage } from "./procedural-image";

export const offlineImageModelId = "procedural-v1";
const defaultSide = 512;
const maxSide = 1024;
const minSide = 64;

/**
 * Reads "WxH" as what the offline model draws: sides of 64 to 1024 pixels, scaled down together so a
 * wide or tall size keeps its shape. A missing or malformed size gives 512×512.
 */
export function parseImageSize(size: string | undefined): {
  width: number;
  height: number;
  clamped: boolean;
} {
  const match = /^(\d+)x(\d+)$/.exec(size ?? "");
  if (!match) return { width: defaultSide, height: defaultSide, clamped: size !== undefined };
  const requestedWidth = Number(match[1]);
  const requestedHeight = Number(match[2]);
  const scale = Math.min(1, maxSide / Math.max(requestedWidth, requestedHeight, 1));
  const clamp = (value: number) => Math.min(maxSide, Math.max(minSide, Math.round(value * scale)));
  const width = clamp(requestedWidth);
  const height = clamp(requestedHeight);
  return { width, height, clamped: width !== requestedWidth || height !== requestedHeight };
}

function sizeWarnings(size: string | undefined, aspectRatio: string | undefined): SharedV4Warning[] {
  const warnings: SharedV4Warning[] = [];
  const { width, height, clamped } = parseImageSize(size);
  if (clamped) {
    warnings.push({
      type: "unsupported",
      feature: "size",
      details: `Drew ${width}x${height} instead of ${size}.`,
    });
  }
  if (aspectRatio)
    warnings.push({ type: "unsupported", feature: "aspectRatio", details: "Use size instead." });
  return warnings;
}

/**
 * The image model used without an API key: draws a deterministic picture from the prompt (palette,
 * sky, sun, hills or waves, one shape per word) labelled "OFFLINE STAND-IN", and returns it as PNG.
 */
export function createOfflineImageModel(): ImageModelV4 {
  return {
    specificationVersion: "v4",
    provider: "offline",
    modelId: offlineImageModelId,
    maxImagesPerCall: 1,
    async doGenerate({ prompt, size, aspectRatio, seed, n, abortSignal }: ImageModelV4CallOptions) {
      abortSignal?.throwIfAborted();
      const { width, height } = parseImageSize(size);
      const images = Array.from({ length: Math.max(1, n) }, (_, index) => {
        const raster = drawProceduralImage(prompt ?? "", width, height, (seed ?? 0) + index);
        return encodePng(raster.width, raster.height, raster.pixels);
      });
      const result: ImageModelV4Result = {
        images,
        warnings: sizeWarnings(size, aspectRatio),
        response: { timestamp: new Date(), modelId: offlineImageModelId, headers: undefined },
      };
      return result;
    },
  };
}
