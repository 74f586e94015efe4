import { describe, expect, it } from "vitest";
import { saveGeneratedImage } from "@/lib/images/image-store";
import { encodePng } from "@/lib/images/png-encoder";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { GET } from "./route";

const png = encodePng(1, 1, Uint8Array.of(10, 20, 30));

async function list(query = ""): Promise<Response> {
  return GET(new Request(`http://localhost/api/images${query}`));
}

describe("GET /api/images", () => {
  useTemporaryDataDirectory();

  it("lists the images newest first with their prompts and where they came from", async () => {
    const older = await saveGeneratedImage({
      bytes: png,
      prompt: "a fox, watercolour",
      request: "draw a fox",
      model: "procedural-v1",
      size: "1x1",
      offline: true,
      chatId: "chat-1",
      traceId: "trace-1",
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await saveGeneratedImage({
      bytes: png,
      prompt: "a boat",
      model: "m",
      size: "1x1",
      offline: false,
    });
    const response = await list();
    expect(response.status).toBe(200);
    const { images } = (await response.json()) as { images: Array<Record<string, unknown>> };
    expect(images.map((image) => image.id)).toEqual([newer.id, older.id]);
    expect(images[1]).toEqual({
      id: older.id,
      url: `/api/images/${older.id}`,
      prompt: "a fox, watercolour",
      request: "draw a fox",
      size: "1x1",
      model: "procedural-v1",
      offline: true,
      mediaType: "image/png",
      chatId: "chat-1",
      traceId: "trace-1",
      createdAt: older.createdAt,
    });
    expect(images[0]).not.toHaveProperty("chatId");
  });

  it("honours the limit and refuses a bad one", async () => {
    for (let index = 0; index < 3; index++) {
      await saveGeneratedImage({ bytes: png, prompt: `p${index}`, model: "m", size: "1x1", offline: true });
    }
    expect(((await (await list("?limit=2")).json()) as { images: unknown[] }).images).toHaveLength(2);
    const bad = await list("?limit=0");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("limit must be");
  });
});
