import type { ImageModelV4, ImageModelV4CallOptions } from "@ai-sdk/provider";
import { APICallError, NoImageGeneratedError, RetryError } from "ai";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvironmentForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { generateAndStoreImage } from "./generate";
import { toImageModelError } from "./image-model-errors";
import { getImage } from "./image-store";
import { createOfflineImageModel } from "./offline-image-model";

// The provider module picks the model from the environment; here each test picks it directly.
const models = vi.hoisted(() => ({ current: undefined as ImageModelV4 | undefined, offline: true }));
vi.mock("@/lib/models/provider", () => ({
  getImageModel: () => models.current,
  isOffline: () => models.offline,
}));

function apiError(statusCode: number, responseBody: string): APICallError {
  return new APICallError({
    message: `HTTP ${statusCode}`,
    url: "http://127.0.0.1:9/v1/images/generations",
    requestBodyValues: {},
    statusCode,
    responseBody,
  });
}

/** An image model in front of the offline one that fails the way a server would. */
function failingModel(fail: (options: ImageModelV4CallOptions) => Promise<void> | void): ImageModelV4 {
  const offline = createOfflineImageModel();
  return {
    ...offline,
    provider: "test",
    modelId: "test-image",
    doGenerate: async (options) => {
      await fail(options);
      return offline.doGenerate(options);
    },
  };
}

describe("generateAndStoreImage", () => {
  useTemporaryDataDirectory();
  beforeEach(() => {
    models.current = createOfflineImageModel();
    models.offline = true;
  });

  it("generates with the offline model and stores the image with its trace and chat", async () => {
    const result = await generateAndStoreImage({
      prompt: "a red fox",
      size: "256x256",
      traceId: "t-1",
      chatId: "c-1",
    });
    expect(result).toEqual({
      id: expect.any(String),
      url: `/api/images/${result.id}`,
      prompt: "a red fox",
      size: "256x256",
      model: "procedural-v1",
      offline: true,
    });
    expect(await getImage(result.id)).toMatchObject({
      traceId: "t-1",
      chatId: "c-1",
      mediaType: "image/png",
    });
  });

  it("retries without a size when the server refuses the size", async () => {
    const sizes: Array<string | undefined> = [];
    models.current = failingModel(({ size }) => {
      sizes.push(size);
      if (size)
        throw apiError(
          400,
          '{"error":{"message":"Invalid value: \'256x256\'. Supported sizes are 1024x1024."}}',
        );
    });
    models.offline = false;
    const result = await generateAndStoreImage({ prompt: "a boat", size: "256x256" });
    expect(sizes).toEqual(["256x256", undefined]);
    // The size reported is the one the server actually drew (its default), read from the PNG.
    expect(result).toMatchObject({ size: "512x512", model: "test-image", offline: false });
  });

  it("explains a content policy refusal", async () => {
    models.current = failingModel(() => {
      throw apiError(
        400,
        '{"error":{"code":"content_policy_violation","message":"Your request was rejected"}}',
      );
    });
    const attempt = generateAndStoreImage({ prompt: "something disallowed" });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: "model_error",
      message: expect.stringContaining("content policy"),
    });
  });

  it("stores what was asked for beside the refined prompt", async () => {
    const result = await generateAndStoreImage({ prompt: "a fox, oil painting", request: "draw a fox" });
    expect(result).toMatchObject({ prompt: "a fox, oil painting", request: "draw a fox" });
    expect(await getImage(result.id)).toMatchObject({ prompt: "a fox, oil painting", request: "draw a fox" });
  });

  it("stops a model that does not answer within IMAGE_TIMEOUT_MS and says so", async () => {
    process.env.IMAGE_TIMEOUT_MS = "150";
    resetEnvironmentForTests();
    try {
      models.current = failingModel(
        ({ abortSignal }) =>
          new Promise((_, reject) =>
            abortSignal?.addEventListener("abort", () => reject(abortSignal.reason)),
          ),
      );
      models.offline = false;
      await expect(generateAndStoreImage({ prompt: "slow" })).rejects.toMatchObject({
        code: "model_error",
        message: expect.stringContaining("did not answer within 0.15 s"),
      });
    } finally {
      delete process.env.IMAGE_TIMEOUT_MS;
      resetEnvironmentForTests();
    }
  });

  it("rethrows an abort as it is", async () => {
    const controller = new AbortController();
    models.current = failingModel(({ abortSignal }) => {
      controller.abort();
      abortSignal?.throwIfAborted();
    });
    const attempt = generateAndStoreImage({ prompt: "stopped", abortSignal: controller.signal });
    await expect(attempt).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("toImageModelError", () => {
  it.each([
    [apiError(401, "unauthorized"), "model_error", "OPENAI_API_KEY"],
    [apiError(404, "model not found"), "model_error", "IMAGE_MODEL"],
    [apiError(429, "slow down"), "rate_limited", "Try again"],
    [apiError(504, "gateway timeout"), "model_error", "timed out"],
    [
      new RetryError({ message: "failed", reason: "maxRetriesExceeded", errors: [apiError(500, "boom")] }),
      "model_error",
      "HTTP 500",
    ],
    [new NoImageGeneratedError({ message: "none" }), "model_error", "no image"],
    [new Error("fetch failed: ETIMEDOUT"), "model_error", "timed out"],
  ])("maps %s", (error, code, text) => {
    const mapped = toImageModelError(error, "gpt-image-1");
    expect(mapped).toMatchObject({ code });
    expect(mapped.message).toContain(text);
  });
});
