/** An image format we can read the size of from its header, without decoding it. */
export type ImageFormatName = "PNG" | "JPEG" | "GIF" | "WebP";

export interface ImageDimensions {
  format: ImageFormatName;
  width: number;
  height: number;
}

function pngDimensions(view: DataView): ImageDimensions | undefined {
  if (view.byteLength < 24) return undefined;
  return { format: "PNG", width: view.getUint32(16), height: view.getUint32(20) };
}

// The size is in the first start-of-frame marker (SOF0 to SOF15, except DHT, JPG and DAC).
function jpegDimensions(view: DataView): ImageDimensions | undefined {
  let offset = 2;
  while (offset + 9 < view.byteLength) {
    if (view.getUint8(offset) !== 0xff) return undefined;
    const marker = view.getUint8(offset + 1);
    if (marker === 0xff) {
      offset++;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      return { format: "JPEG", height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    }
    offset += 2 + view.getUint16(offset + 2);
  }
  return undefined;
}

function gifDimensions(view: DataView): ImageDimensions | undefined {
  if (view.byteLength < 10) return undefined;
  return { format: "GIF", width: view.getUint16(6, true), height: view.getUint16(8, true) };
}

function webpDimensions(view: DataView): ImageDimensions | undefined {
  if (view.byteLength < 30) return undefined;
  const chunk = String.fromCharCode(...[12, 13, 14, 15].map((index) => view.getUint8(index)));
  if (chunk === "VP8 ") {
    return {
      format: "WebP",
      width: view.getUint16(26, true) & 0x3fff,
      height: view.getUint16(28, true) & 0x3fff,
    };
  }
  if (chunk === "VP8L") {
    const bits = view.getUint32(21, true);
    return { format: "WebP", width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X") {
    const read24 = (at: number) =>
      view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getUint8(at + 2) << 16);
    return { format: "WebP", width: read24(24) + 1, height: read24(27) + 1 };
  }
  return undefined;
}

const readers: Record<ImageFormatName, (view: DataView) => ImageDimensions | undefined> = {
  PNG: pngDimensions,
  JPEG: jpegDimensions,
  GIF: gifDimensions,
  WebP: webpDimensions,
};

/** The format and pixel size of a PNG, JPEG, GIF or WebP image, read from its header. */
export function readImageDimensions(format: ImageFormatName, bytes: Uint8Array): ImageDimensions | undefined {
  const dimensions = readers[format](new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return dimensions && dimensions.width > 0 && dimensions.height > 0 ? dimensions : undefined;
}
