import { describe, expect, it } from "vitest";
import { encodePng } from "@/lib/images/png-encoder";
import { analyseImage } from "./image-analysis";
import { describeImageAnalysis } from "./image-description";
import { buildPng, redBlueJpeg, redBlueWebp } from "./test-images";

/** 40 × 20 RGB: the left 30 columns red, the right 10 blue, like the JPEG fixture. */
function redBluePng(): Uint8Array {
  const rgb = new Uint8Array(40 * 20 * 3);
  for (let y = 0; y < 20; y++) {
    for (let x = 0; x < 40; x++) rgb.set(x < 30 ? [0xd0, 0x20, 0x20] : [0x20, 0x50, 0xd0], (y * 40 + x) * 3);
  }
  return encodePng(40, 20, rgb);
}

describe("analyseImage", () => {
  it("measures a PNG's size, dominant colours and brightness", async () => {
    const analysis = await analyseImage("PNG", redBluePng());
    expect(analysis).toMatchObject({ format: "PNG", width: 40, height: 20, transparentShare: 0 });
    expect(analysis?.colours).toEqual([
      { name: "red", hex: "#d02020", share: 0.75 },
      { name: "blue", hex: "#2050d0", share: 0.25 },
    ]);
    expect(analysis?.brightness).toBeGreaterThan(0.2);
    expect(analysis?.brightness).toBeLessThan(0.4);
  });

  it("decodes a JPEG to find the same colours", async () => {
    const analysis = await analyseImage("JPEG", redBlueJpeg);
    expect(analysis).toMatchObject({ format: "JPEG", width: 40, height: 20 });
    expect(analysis?.colours.map((colour) => colour.name)).toEqual(["red", "blue"]);
    expect(analysis?.colours[0].share).toBeCloseTo(0.75, 1);
  });

  it("reads a WebP's size and says its colours were not measured", async () => {
    const analysis = await analyseImage("WebP", redBlueWebp);
    expect(analysis).toMatchObject({ format: "WebP", width: 40, height: 20, colours: [] });
    expect(analysis?.notAnalysed).toContain("WebP images are measured by size only");
  });

  it("counts transparent pixels and skips images too large to decode", async () => {
    const half = buildPng({
      width: 2,
      height: 1,
      colorType: 6,
      bitDepth: 8,
      scanlines: [[0, 255, 255, 255, 255, 0, 0, 0, 0]],
    });
    expect(await analyseImage("PNG", half)).toMatchObject({
      transparentShare: 0.5,
      colours: [{ name: "white", share: 1 }],
    });
    const huge = buildPng({ width: 5000, height: 5000, colorType: 0, bitDepth: 8, scanlines: [[0, 0]] });
    expect(await analyseImage("PNG", huge)).toMatchObject({
      width: 5000,
      notAnalysed: "it has more than 16 megapixels",
    });
  });

  it("returns undefined when even the header cannot be read", async () => {
    expect(await analyseImage("JPEG", Uint8Array.of(0xff, 0xd8, 0xff, 0x00))).toBeUndefined();
  });
});

describe("describeImageAnalysis", () => {
  it("writes a labelled description from the measurements", async () => {
    const analysis = await analyseImage("PNG", redBluePng());
    if (!analysis) throw new Error("the test image was not analysed");
    const text = describeImageAnalysis("flag.png", analysis);
    expect(text).toContain("The attached image “flag.png” is a PNG image of 40 × 20 pixels (landscape).");
    expect(text).toContain("Its dominant colours are red (#d02020, 75%), blue (#2050d0, 25%).");
    expect(text).toContain("fairly dark");
    expect(text).toContain("not seen by a vision model");
  });
});
