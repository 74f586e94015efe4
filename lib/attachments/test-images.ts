import { deflateSync } from "node:zlib";
import { crc32 } from "@/lib/images/png-encoder";

// Test images. The JPEG and WebP were drawn by Chromium's canvas: 40 × 20 pixels, the left 30
// columns #d02020 (red) and the right 10 columns #2050d0 (blue).
export const redBlueJpeg = Buffer.from(
  [
    "/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABh",
    "Y3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAAB",
    "UAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAA",
    "AAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9Y",
    "WVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAM",
    "ZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYI",
    "DAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQU",
    "FBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/wAARCAAUACgDASIAAhEBAxEB/8QAFwABAQEBAAAAAAAAAAAAAAAAAAIE",
    "B//EABcQAQADAAAAAAAAAAAAAAAAAAACAzP/xAAXAQADAQAAAAAAAAAAAAAAAAAGCAkH/8QAHhEAAQIHAQAAAAAAAAAAAAAAAAMG",
    "AQIEBTVzsjb/2gAMAwEAAhEDEQA/AOGAMvHrCLspLRdlIRNzN0W1PuALOrz9w0q8TGUA9xOI2gJ3lRgi7KQCJuZui2p9wBZ1efuG",
    "lXiYygHuJxH/2Q==",
  ].join(""),
  "base64",
);

export const redBlueWebp = Buffer.from(
  [
    "UklGRlwCAABXRUJQVlA4WAoAAAAgAAAAJwAAEwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABh",
    "Y3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAAB",
    "UAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAA",
    "AAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9Y",
    "WVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAM",
    "ZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggbgAAAPAFAJ0BKigAFAA+MRaKQyIhIRK1mCAD",
    "BKAM35QX4B+AGwGdA/ACjAfgBWgH8AygD9AAEzGux2YAAP71JniS3juuGc/S4PS4P/T4pFqrLm9cZLTOYnDzi0XM3DuWMRAaf1sD",
    "ZvCYHazJgfEAAAAA",
  ].join(""),
  "base64",
);

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const framed = Buffer.alloc(body.length + 8);
  framed.writeUInt32BE(data.length, 0);
  body.copy(framed, 4);
  framed.writeUInt32BE(crc32(body), body.length + 4);
  return framed;
}

/** A PNG of any colour type and bit depth from already packed scanlines (filter byte included). */
export function buildPng(options: {
  width: number;
  height: number;
  colorType: number;
  bitDepth: number;
  scanlines: number[][];
  palette?: number[];
  interlaced?: boolean;
}): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(options.width, 0);
  header.writeUInt32BE(options.height, 4);
  header.set([options.bitDepth, options.colorType, 0, 0, options.interlaced ? 1 : 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    ...(options.palette ? [chunk("PLTE", Uint8Array.from(options.palette))] : []),
    chunk("IDAT", deflateSync(Uint8Array.from(options.scanlines.flat()))),
    chunk("IEND", new Uint8Array()),
  ]);
}
