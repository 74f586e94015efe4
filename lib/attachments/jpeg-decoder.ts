import "server-only";
import { readImageDimensions } from "./image-dimensions";
import type { RgbaImage } from "./png-decoder";

// Colours are measured on at most this many pixels; pdf.js resamples while it converts.
const maxSampledSide = 256;

/**
 * Decodes a baseline or progressive JPEG with pdf.js's decoder (already a dependency for PDFs) to
 * RGBA, resampled to at most 256 pixels a side. Throws for damaged data or too many pixels.
 */
export async function decodeJpeg(bytes: Uint8Array, maxPixels: number): Promise<RgbaImage> {
  const dimensions = readImageDimensions("JPEG", bytes);
  // Checked before parsing, since pdf.js keeps every component at full size while it decodes.
  if (!dimensions || dimensions.width * dimensions.height > maxPixels) {
    throw new Error("the image is too large to analyse");
  }
  const { JpegImage } = await import("pdfjs-dist/legacy/image_decoders/pdf.image_decoders.mjs");
  const decoder = new JpegImage({});
  decoder.parse(bytes);
  const scale = Math.min(1, maxSampledSide / Math.max(decoder.width, decoder.height));
  const width = Math.max(1, Math.round(decoder.width * scale));
  const height = Math.max(1, Math.round(decoder.height * scale));
  const rgb = decoder.getData({ width, height, forceRGB: true });
  const rgba = new Uint8Array(width * height * 4);
  for (let index = 0; index < width * height; index++) {
    rgba.set(rgb.subarray(index * 3, index * 3 + 3), index * 4);
    rgba[index * 4 + 3] = 255;
  }
  return { width, height, rgba };
}
