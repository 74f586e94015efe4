import type { UIMessageChunk } from "ai";
import { describe, expect, it } from "vitest";
import { batchedChunkStream } from "./progress-batcher";

async function through(chunks: UIMessageChunk[], gapMs = 0): Promise<UIMessageChunk[]> {
  const stream = new ReadableStream<UIMessageChunk>({
    async start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(chunk);
        if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
      controller.close();
    },
  }).pipeThrough(batchedChunkStream());
  const out: UIMessageChunk[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

describe("batchedChunkStream", () => {
  it("joins a word-by-word answer into a few deltas, keeping the text and the order of the rest", async () => {
    const words = Array.from(
      { length: 200 },
      (_, index): UIMessageChunk => ({
        type: "text-delta",
        id: "t",
        delta: `word${index} `,
      }),
    );
    const out = await through([
      { type: "start" },
      { type: "text-start", id: "t" },
      ...words,
      { type: "text-end", id: "t" },
      { type: "finish" },
    ]);
    const deltas = out.filter((chunk) => chunk.type === "text-delta");
    expect(deltas.length).toBeLessThanOrEqual(2);
    expect(deltas.map((chunk) => (chunk.type === "text-delta" ? chunk.delta : "")).join("")).toBe(
      words.map((chunk) => (chunk.type === "text-delta" ? chunk.delta : "")).join(""),
    );
    expect(out.map((chunk) => chunk.type)).toEqual([
      "start",
      "text-start",
      ...deltas.map(() => "text-delta"),
      "text-end",
      "finish",
    ]);
  });

  it("still sends text as it comes when the model is slow: a batch waits at most 50 ms", async () => {
    const out = await through(
      Array.from(
        { length: 4 },
        (_, index): UIMessageChunk => ({ type: "text-delta", id: "t", delta: `${index}` }),
      ),
      80,
    );
    expect(out).toHaveLength(4);
  });
});
