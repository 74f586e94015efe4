import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { databaseBackends, useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { getImage, isImageId, listImages, saveGeneratedImage } from "./image-store";
import { encodePng } from "./png-encoder";

const png = encodePng(2, 1, Uint8Array.of(255, 0, 0, 0, 0, 255));
const details = { prompt: "a red pixel", model: "procedural-v1", size: "2x1", offline: true };

describe.each(databaseBackends)("image store on %s", (backend) => {
  useTemporaryDataDirectory({}, backend);

  it("stores the bytes under DATA_DIR/images/<uuid>.png and the metadata in the database", async () => {
    const stored = await saveGeneratedImage({ ...details, bytes: png, traceId: "trace-1", chatId: "chat-1" });
    expect(isImageId(stored.id)).toBe(true);
    expect(stored).toMatchObject({ ...details, fileName: `${stored.id}.png`, mediaType: "image/png" });

    const filePath = path.join(getEnvironment().dataDirectory, "images", `${stored.id}.png`);
    expect(readFileSync(filePath).equals(Buffer.from(png))).toBe(true);
    expect(await getImage(stored.id)).toEqual({ ...stored, traceId: "trace-1", chatId: "chat-1" });
  });

  it("lists the most recent images first", async () => {
    const first = await saveGeneratedImage({ ...details, bytes: png });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await saveGeneratedImage({ ...details, bytes: png, prompt: "another" });
    expect((await listImages()).map((image) => image.id)).toEqual([second.id, first.id]);
  });

  it("reads the media type from the bytes", async () => {
    const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46);
    const stored = await saveGeneratedImage({ ...details, bytes: jpeg });
    expect(stored).toMatchObject({ mediaType: "image/jpeg", fileName: `${stored.id}.jpg` });
  });

  it("refuses bytes that are not an image and stores nothing", async () => {
    const attempt = saveGeneratedImage({
      ...details,
      bytes: new TextEncoder().encode("<svg onload=alert(1)>"),
    });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "model_error" });
    expect(await listImages()).toEqual([]);
    const imagesDirectory = path.join(getEnvironment().dataDirectory, "images");
    expect(existsSync(imagesDirectory) ? readdirSync(imagesDirectory) : []).toEqual([]);
  });

  it("never looks up ids that are not UUIDs", async () => {
    for (const id of ["../metadata.sqlite", "not-a-uuid", "", "00000000-0000-0000-0000-000000000000/../x"]) {
      expect(await getImage(id)).toBeUndefined();
    }
    expect(await getImage(crypto.randomUUID())).toBeUndefined();
  });
});
