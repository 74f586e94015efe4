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

/** Reads "WxH", clamped to what the offline model draws; a missing or malformed size gives 512×512. */
export function parseImageSize(size: string | undefined): {
  width: number;
  height: number;
  clamped: boolean;
} {
  const match = /^(\d+)x(\d+)$/.exec(size ?? "");
  if (!match) return { width: defaultSide, height: defaultSide, clamped: size !== undefined };
  const clamp = (value: number) => Math.min(maxSide, Math.max(minSide, value));
  const width = clamp(Number(match[1]));
  const height = clamp(Number(match[2]));
  return { width, height, clamped: width !== Number(match[1]) || height !== Number(match[2]) };
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
