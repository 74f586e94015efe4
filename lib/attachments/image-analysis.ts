import "server-only";
import { describeError } from "@/lib/errors";
import { nameColour, toHex } from "./colour-names";
import { type ImageFormatName, readImageDimensions } from "./image-dimensions";
import { decodeJpeg } from "./jpeg-decoder";
import { decodePng, type RgbaImage } from "./png-decoder";

/** What the pixels of an image show, measured rather than seen: size, main colours, brightness. */
export interface ImageAnalysis {
  format: ImageFormatName;
  width: number;
  height: number;
  /** The main colours, largest share first (shares of the opaque pixels, 0 to 1). */
  colours: Array<{ name: string; hex: string; share: number }>;
  /** Mean luminance of the opaque pixels, 0 (black) to 1 (white). */
  brightness?: number;
  /** Share of pixels that are mostly transparent. */
  transparentShare?: number;
  /** Why the colours were not measured, when they were not. */
  notAnalysed?: string;
}

// Large enough for any photo a chat attachment holds; decoding more would cost the server memory.
const maxDecodedPixels = 16_000_000;
const targetSamples = 40_000;

type Bucket = { count: number; red: number; green: number; blue: number };

function measure(image: RgbaImage): Pick<ImageAnalysis, "colours" | "brightness" | "transparentShare"> {
  const step = Math.max(1, Math.floor(Math.sqrt((image.width * image.height) / targetSamples)));
  const buckets = new Map<string, Bucket>();
  let opaque = 0;
  let transparent = 0;
  let luminance = 0;
  for (let y = 0; y < image.height; y += step) {
    for (let x = 0; x < image.width; x += step) {
      const offset = (y * image.width + x) * 4;
      const [red, green, blue, alpha] = image.rgba.subarray(offset, offset + 4);
      if (alpha < 128) {
        transparent++;
        continue;
      }
      opaque++;
      luminance += (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255;
      const name = nameColour(red, green, blue);
      const bucket = buckets.get(name) ?? { count: 0, red: 0, green: 0, blue: 0 };
      bucket.count++;
      bucket.red += red;
      bucket.green += green;
      bucket.blue += blue;
      buckets.set(name, bucket);
    }
  }
  const colours = [...buckets.entries()]
    .map(([name, bucket]) => ({
      name,
      hex: toHex(bucket.red / bucket.count, bucket.green / bucket.count, bucket.blue / bucket.count),
      share: bucket.count / Math.max(1, opaque),
    }))
    .sort((left, right) => right.share - left.share)
    .filter((colour, index) => index === 0 || colour.share >= 0.05)
    .slice(0, 4);
  return {
    colours,
    brightness: opaque ? luminance / opaque : undefined,
    transparentShare: transparent / Math.max(1, opaque + transparent),
  };
}

async function decode(format: ImageFormatName, bytes: Uint8Array): Promise<RgbaImage> {
  if (format === "PNG") return decodePng(bytes, maxDecodedPixels);
  if (format === "JPEG") return decodeJpeg(bytes, maxDecodedPixels);
  throw new Error(`${format} images are measured by size only`);
}

/**
 * Measures an attached image from its bytes: format and size from the header; for PNG and JPEG
 * also its main colours, brightness and transparency. Undefined when the header cannot be read.
 */
export async function analyseImage(
  format: ImageFormatName,
  bytes: Uint8Array,
): Promise<ImageAnalysis | undefined> {
  const dimensions = readImageDimensions(format, bytes);
  if (!dimensions) return undefined;
  if (dimensions.width * dimensions.height > maxDecodedPixels) {
    return { ...dimensions, colours: [], notAnalysed: "it has more than 16 megapixels" };
  }
  try {
    return { ...dimensions, ...measure(await decode(format, bytes)) };
  } catch (error) {
    return { ...dimensions, colours: [], notAnalysed: describeError(error) };
  }
}
