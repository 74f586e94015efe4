import { describe, expect, it } from "vitest";
import { resetEnvironmentForTests } from "@/lib/env";
import type { GeneratedImageResult } from "@/lib/images/generate";
import { getImage } from "@/lib/images/image-store";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { createGenerateImageTool } from "./generate-image-tool";

describe("generate_image tool", () => {
  useTemporaryDataDirectory({ OPENAI_API_KEY: "" });

  it("generates, stores and links an offline image filed under the request's trace and chat", async () => {
    const generateImageTool = createGenerateImageTool({
      traceId: "trace-9",
      chatId: "chat-9",
      request: "draw a lighthouse",
    });
    if (!generateImageTool.execute) throw new Error("generate_image has no execute");
    const result = (await generateImageTool.execute(
      { prompt: "a lighthouse at dusk", size: "256x256" },
      { toolCallId: "call-1", messages: [], context: {} },
    )) as GeneratedImageResult;
    expect(result).toMatchObject({
      url: `/api/images/${result.id}`,
      size: "256x256",
      model: "procedural-v1",
      offline: true,
    });
    expect(await getImage(result.id)).toMatchObject({
      traceId: "trace-9",
      chatId: "chat-9",
      prompt: "a lighthouse at dusk",
      request: "draw a lighthouse",
    });
  });

  it("accepts only the sizes it advertises", async () => {
    const schema = createGenerateImageTool({}).inputSchema as unknown as {
      safeParse: (value: unknown) => { success: boolean };
    };
    expect(schema.safeParse({ prompt: "x", size: "1536x1024" }).success).toBe(true);
    expect(schema.safeParse({ prompt: "x", size: "512x512" }).success).toBe(true);
    expect(schema.safeParse({ prompt: "x", size: "4096x4096" }).success).toBe(false);
  });

  it("offers the sizes IMAGE_SIZES lists", async () => {
    process.env.IMAGE_SIZES = "640x480, 480x640";
    resetEnvironmentForTests();
    try {
      const schema = createGenerateImageTool({}).inputSchema as unknown as {
        safeParse: (value: unknown) => { success: boolean };
      };
      expect(schema.safeParse({ prompt: "x", size: "640x480" }).success).toBe(true);
      expect(schema.safeParse({ prompt: "x", size: "1024x1024" }).success).toBe(false);
      process.env.IMAGE_SIZES = "big";
      resetEnvironmentForTests();
      expect(() => createGenerateImageTool({})).toThrow(/IMAGE_SIZES: list sizes as WIDTHxHEIGHT/);
    } finally {
      delete process.env.IMAGE_SIZES;
      resetEnvironmentForTests();
    }
  });
});
