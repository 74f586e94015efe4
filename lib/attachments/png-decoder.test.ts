import { describe, expect, it } from "vitest";
import { encodePng } from "@/lib/images/png-encoder";
import { decodePng } from "./png-decoder";
import { buildPng } from "./test-images";

const maxPixels = 1_000_000;

function pixel(image: { width: number; rgba: Uint8Array }, x: number, y: number): number[] {
  const offset = (y * image.width + x) * 4;
  return [...image.rgba.subarray(offset, offset + 4)];
}

describe("decodePng", () => {
  it("decodes RGB written by the app's own encoder", () => {
    const image = decodePng(
      encodePng(2, 2, Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9)),
      maxPixels,
    );
    expect(image).toMatchObject({ width: 2, height: 2 });
    expect([pixel(image, 0, 0), pixel(image, 1, 0), pixel(image, 0, 1), pixel(image, 1, 1)]).toEqual([
      [255, 0, 0, 255],
      [0, 255, 0, 255],
      [0, 0, 255, 255],
      [9, 9, 9, 255],
    ]);
  });

  it("undoes every filter type (None, Sub, Up, Average, Paeth) on RGBA", () => {
    // Each row is one filter applied to the same two pixels [10,20,30,255] [40,50,60,128].
    const rows = [
      [0, 10, 20, 30, 255, 40, 50, 60, 128],
      [1, 10, 20, 30, 255, 30, 30, 30, 129],
      [2, 0, 0, 0, 0, 0, 0, 0, 0],
      [3, 5, 10, 15, 128, 15, 15, 15, 193],
      [4, 0, 0, 0, 0, 0, 0, 0, 0],
    ];
    const image = decodePng(
      buildPng({ width: 2, height: 5, colorType: 6, bitDepth: 8, scanlines: rows }),
      maxPixels,
    );
    for (let y = 0; y < 5; y++) {
      expect([pixel(image, 0, y), pixel(image, 1, y)]).toEqual([
        [10, 20, 30, 255],
        [40, 50, 60, 128],
      ]);
    }
  });

  it("decodes palette, 1-bit grey, grey with alpha and 16-bit images", () => {
    const palette = decodePng(
      buildPng({
        width: 3,
        height: 1,
        colorType: 3,
        bitDepth: 2,
        palette: [255, 0, 0, 0, 0, 255],
        scanlines: [[0, 0b01000100]],
      }),
      maxPixels,
    );
    expect([0, 1, 2].map((x) => pixel(palette, x, 0))).toEqual([
      [0, 0, 255, 255],
      [255, 0, 0, 255],
      [0, 0, 255, 255],
    ]);
    const grey = decodePng(
      buildPng({ width: 3, height: 1, colorType: 0, bitDepth: 1, scanlines: [[0, 0b10100000]] }),
      maxPixels,
    );
    expect([0, 1, 2].map((x) => pixel(grey, x, 0)[0])).toEqual([255, 0, 255]);
    const greyAlpha = decodePng(
      buildPng({ width: 1, height: 1, colorType: 4, bitDepth: 8, scanlines: [[0, 77, 10]] }),
      maxPixels,
    );
    expect(pixel(greyAlpha, 0, 0)).toEqual([77, 77, 77, 10]);
    const deep = decodePng(
      buildPng({
        width: 1,
        height: 1,
        colorType: 2,
        bitDepth: 16,
        scanlines: [[0, 0xab, 0xcd, 0x12, 0x34, 0xff, 0xff]],
      }),
      maxPixels,
    );
    expect(pixel(deep, 0, 0)).toEqual([0xab, 0x12, 0xff, 255]);
  });

  it("refuses interlaced, oversized and damaged images with a reason", () => {
    const small = { width: 1, height: 1, colorType: 0, bitDepth: 8, scanlines: [[0, 1]] };
    expect(() => decodePng(buildPng({ ...small, interlaced: true }), maxPixels)).toThrow("interlaced");
    expect(() => decodePng(buildPng({ ...small, width: 2000, height: 2000 }), maxPixels)).toThrow(
      "too large",
    );
    expect(() => decodePng(buildPng({ ...small, scanlines: [[9, 1]] }), maxPixels)).toThrow("filter type 9");
  });
});
