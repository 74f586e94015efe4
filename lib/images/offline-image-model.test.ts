import { inflateSync, crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { glyphRows } from "./bitmap-font";
import { createOfflineImageModel, parseImageSize } from "./offline-image-model";
import { crc32 } from "./png-encoder";
import { labelColor, standInLabelLayout } from "./stand-in-labels";

type DecodedPng = { width: number; height: number; pixels: Uint8Array };

/** An independent reader for the subset we write: 8-bit RGB, every scanline with filter 0 or 1. */
function decodePng(bytes: Uint8Array): DecodedPng {
  const buffer = Buffer.from(bytes);
  expect([...buffer.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let header: Buffer | undefined;
  const data: Buffer[] = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString("latin1", offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    expect(buffer.readUInt32BE(offset + 8 + length)).toBe(
      zlibCrc32(buffer.subarray(offset + 4, offset + 8 + length)),
    );
    if (type === "IHDR") header = body;
    if (type === "IDAT") data.push(body);
    offset += length + 12;
  }
  if (!header) throw new Error("no IHDR chunk");
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([header[8], header[9]]).toEqual([8, 2]);
  const raw = inflateSync(Buffer.concat(data));
  expect(raw.length).toBe(height * (width * 3 + 1));
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (width * 3 + 1)];
    expect([0, 1]).toContain(filter);
    for (let x = 0; x < width * 3; x++) {
      const left = filter === 1 && x >= 3 ? pixels[y * width * 3 + x - 3] : 0;
      pixels[y * width * 3 + x] = (raw[y * (width * 3 + 1) + 1 + x] + left) & 0xff;
    }
  }
  return { width, height, pixels };
}

async function render(prompt: string, size?: `${number}x${number}`, seed?: number): Promise<Uint8Array> {
  const model = createOfflineImageModel();
  const result = await model.doGenerate({
    prompt,
    size,
    seed,
    n: 1,
    aspectRatio: undefined,
    files: undefined,
    mask: undefined,
    providerOptions: {},
  });
  expect(result.warnings).toEqual([]);
  expect(result.response.modelId).toBe("procedural-v1");
  return result.images[0] as Uint8Array;
}

function pixelAt(image: DecodedPng, x: number, y: number): number[] {
  const offset = (y * image.width + x) * 3;
  return [...image.pixels.subarray(offset, offset + 3)];
}

describe("offline image model", () => {
  it("describes itself as the offline procedural model", () => {
    const model = createOfflineImageModel();
    expect(model).toMatchObject({
      specificationVersion: "v4",
      provider: "offline",
      modelId: "procedural-v1",
      maxImagesPerCall: 1,
    });
  });

  it("writes a valid PNG of the requested size, 512x512 by default", async () => {
    expect(decodePng(await render("a red fox in the snow"))).toMatchObject({ width: 512, height: 512 });
    expect(decodePng(await render("a red fox in the snow", "256x256"))).toMatchObject({
      width: 256,
      height: 256,
    });
    expect(decodePng(await render("a wide lake", "1024x512"))).toMatchObject({ width: 1024, height: 512 });
  });

  it("caps the size at 1024 pixels a side, keeping the shape, and says so", async () => {
    expect(parseImageSize("4096x2048")).toEqual({ width: 1024, height: 512, clamped: true });
    expect(parseImageSize("1024x1536")).toEqual({ width: 683, height: 1024, clamped: true });
    expect(parseImageSize("1536x1024")).toEqual({ width: 1024, height: 683, clamped: true });
    expect(parseImageSize("32x32")).toEqual({ width: 64, height: 64, clamped: true });
    expect(parseImageSize(undefined)).toEqual({ width: 512, height: 512, clamped: false });
    const model = createOfflineImageModel();
    const result = await model.doGenerate({
      prompt: "huge",
      size: "4096x4096",
      n: 1,
      seed: undefined,
      aspectRatio: undefined,
      files: undefined,
      mask: undefined,
      providerOptions: {},
    });
    expect(decodePng(result.images[0] as Uint8Array)).toMatchObject({ width: 1024, height: 1024 });
    expect(result.warnings).toEqual([expect.objectContaining({ type: "unsupported", feature: "size" })]);
  });

  it("is deterministic for a prompt and differs between prompts and seeds", async () => {
    const first = await render("a lighthouse at sunset", "256x256");
    expect(Buffer.from(await render("a lighthouse at sunset", "256x256")).equals(Buffer.from(first))).toBe(
      true,
    );
    expect(Buffer.from(await render("a forest at night", "256x256")).equals(Buffer.from(first))).toBe(false);
    expect(Buffer.from(await render("a lighthouse at sunset", "256x256", 7)).equals(Buffer.from(first))).toBe(
      false,
    );
  });

  it("draws the OFFLINE STAND-IN label into the pixels", async () => {
    const image = decodePng(await render("a lighthouse at sunset"));
    const { scale, padding } = standInLabelLayout(image.width);
    // "O" is the first glyph: its top row lights columns 1 to 3 and leaves columns 0 and 4 dark.
    const topRow = glyphRows("O")[0];
    for (let column = 0; column < 5; column++) {
      const lit = Boolean(topRow & (1 << (4 - column)));
      const pixel = pixelAt(image, padding + column * scale, padding);
      if (lit) expect(pixel).toEqual([...labelColor]);
      else expect(pixel).not.toEqual([...labelColor]);
    }
    let labelPixels = 0;
    for (let y = 0; y < padding * 2 + 7 * scale; y++) {
      for (let x = 0; x < image.width; x++)
        if (pixelAt(image, x, y).every((value) => value === 255)) labelPixels++;
    }
    expect(labelPixels).toBeGreaterThan(100 * scale * scale);
  });

  it("computes the standard CRC-32", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });
});
