import { rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getEnvironment } from "@/lib/env";
import { saveGeneratedImage } from "@/lib/images/image-store";
import { encodePng } from "@/lib/images/png-encoder";
import { resourceContentSecurityPolicy } from "@/lib/security/security-headers";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { GET } from "./route";

function get(id: string): Promise<Response> {
  return GET(new Request(`http://localhost/api/images/${encodeURIComponent(id)}`), {
    params: Promise.resolve({ id }),
  });
}

const png = encodePng(1, 1, Uint8Array.of(10, 20, 30));

describe("GET /api/images/:id", () => {
  useTemporaryDataDirectory();

  it("serves the stored bytes with their type and long-lived caching", async () => {
    const stored = await saveGeneratedImage({
      bytes: png,
      prompt: "dot",
      model: "procedural-v1",
      size: "1x1",
      offline: true,
    });
    const response = await get(stored.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/png");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Disposition")).toBe(`inline; filename="${stored.id}.png"`);
    expect(response.headers.get("Content-Security-Policy")).toBe(resourceContentSecurityPolicy);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(png))).toBe(true);
  });

  it.each(["not-a-uuid", "../metadata.sqlite", "..%2Fmetadata.sqlite", crypto.randomUUID()])(
    "answers 404 for %s",
    async (id) => {
      const response = await get(id);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        code: "not_found",
        error: expect.stringContaining("no image"),
      });
    },
  );

  it("answers 404 when the file has gone", async () => {
    const stored = await saveGeneratedImage({
      bytes: png,
      prompt: "dot",
      model: "procedural-v1",
      size: "1x1",
      offline: true,
    });
    rmSync(path.join(getEnvironment().dataDirectory, "images", stored.fileName));
    expect((await get(stored.id)).status).toBe(404);
  });
});
