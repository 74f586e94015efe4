import { inflateSync } from "node:zlib";

/** Decoded pixels as 8-bit RGBA, row by row. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

const channelsByColorType: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function readChunks(bytes: Uint8Array): { header: PngHeader; palette?: Uint8Array; data: Buffer } {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: PngHeader | undefined;
  let palette: Uint8Array | undefined;
  const data: Buffer[] = [];
  for (let offset = 8; offset + 8 <= view.length; ) {
    const length = view.readUInt32BE(offset);
    const type = view.toString("latin1", offset + 4, offset + 8);
    const body = view.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        bitDepth: body[8],
        colorType: body[9],
        interlaced: body[12] === 1,
      };
    } else if (type === "PLTE") palette = body;
    else if (type === "IDAT") data.push(body);
    else if (type === "IEND") break;
    offset += length + 12;
  }
  if (!header) throw new Error("the PNG has no header chunk");
  return { header, palette, data: Buffer.concat(data) };
}

function paeth(left: number, above: number, upperLeft: number): number {
  const estimate = left + above - upperLeft;
  const toLeft = Math.abs(estimate - left);
  const toAbove = Math.abs(estimate - above);
  const toUpperLeft = Math.abs(estimate - upperLeft);
  if (toLeft <= toAbove && toLeft <= toUpperLeft) return left;
  return toAbove <= toUpperLeft ? above : upperLeft;
}

function predict(filter: number, left: number, above: number, upperLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return above;
    case 3:
      return (left + above) >> 1;
    case 4:
      return paeth(left, above, upperLeft);
    default:
      throw new Error(`the PNG uses an unknown filter type ${filter}`);
  }
}

/** Undoes the per-scanline filters (None, Sub, Up, Average, Paeth) in place of a fresh buffer. */
function unfilter(raw: Buffer, height: number, stride: number, bytesPerPixel: number): Uint8Array {
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const source = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= bytesPerPixel ? out[row + x - bytesPerPixel] : 0;
      const above = y > 0 ? out[row - stride + x] : 0;
      const upperLeft = y > 0 && x >= bytesPerPixel ? out[row - stride + x - bytesPerPixel] : 0;
      out[row + x] = (raw[source + x] + predict(filter, left, above, upperLeft)) & 0xff;
    }
  }
  return out;
}

/** Sample `index` of a scanline as stored: 16-bit samples give their high byte. */
function rawSample(pixels: Uint8Array, offset: number, index: number, bitDepth: number): number {
  if (bitDepth === 8) return pixels[offset + index];
  if (bitDepth === 16) return pixels[offset + index * 2];
  const bitOffset = index * bitDepth;
  const byte = pixels[offset + (bitOffset >> 3)];
  return (byte >> (8 - bitDepth - (bitOffset & 7))) & ((1 << bitDepth) - 1);
}

/**
 * Decodes a non-interlaced PNG of any colour type and bit depth to RGBA. Throws for an interlaced
 * PNG or damaged data; the caller has already checked that the image is small enough to decode.
 */
export function decodePng(bytes: Uint8Array, maxPixels: number): RgbaImage {
  const { header, palette, data } = readChunks(bytes);
  const { width, height, bitDepth, colorType } = header;
  const channels = channelsByColorType[colorType];
  if (!channels) throw new Error(`the PNG has an unknown colour type ${colorType}`);
  if (header.interlaced) throw new Error("interlaced PNGs are not analysed");
  if (width * height > maxPixels) throw new Error("the image is too large to analyse");
  const stride = Math.ceil((width * channels * bitDepth) / 8);
  const raw = inflateSync(data, { maxOutputLength: height * (stride + 1) });
  const pixels = unfilter(raw, height, stride, Math.max(1, (channels * bitDepth) >> 3));
  // Sub-byte samples are stretched to 0–255; palette indices are looked up instead.
  const scale = bitDepth < 8 && colorType !== 3 ? 255 / ((1 << bitDepth) - 1) : 1;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const target = (y * width + x) * 4;
      const read = (index: number) => rawSample(pixels, y * stride, x * channels + index, bitDepth) * scale;
      if (colorType === 3) {
        const entry = read(0) * 3;
        rgba[target] = palette?.[entry] ?? 0;
        rgba[target + 1] = palette?.[entry + 1] ?? 0;
        rgba[target + 2] = palette?.[entry + 2] ?? 0;
        rgba[target + 3] = 255;
      } else if (channels <= 2) {
        rgba.fill(read(0), target, target + 3);
        rgba[target + 3] = channels === 2 ? read(1) : 255;
      } else {
        rgba[target] = read(0);
        rgba[target + 1] = read(1);
        rgba[target + 2] = read(2);
        rgba[target + 3] = channels === 4 ? read(3) : 255;
      }
    }
  }
  return { width, height, rgba };
}
