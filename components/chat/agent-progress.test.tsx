import type { UIMessageChunk } from "ai";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AgentLane } from "./agent-lane";
import { AgentProgressProvider, AgentProgressStore } from "./agent-progress";

const chunks: UIMessageChunk[] = [
  { type: "start" },
  { type: "start-step" },
  { type: "text-start", id: "t" },
  { type: "text-delta", id: "t", delta: "The lamp is lit " },
  { type: "text-delta", id: "t", delta: "at dusk." },
  { type: "text-end", id: "t" },
];

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

describe("AgentProgressStore", () => {
  it("replays a sub-agent's chunks, however they are split into batches, into its message", async () => {
    const store = new AgentProgressStore();
    let notified = 0;
    store.subscribe(() => {
      notified += 1;
    });
    store.apply({ toolCallId: "call-1", chunks: chunks.slice(0, 4) });
    store.apply({ toolCallId: "call-1", chunks: chunks.slice(4) });
    store.apply({ toolCallId: "call-2", chunks: chunks.slice(0, 3) });
    await settle();
    expect(store.message("call-1")?.parts).toContainEqual(
      expect.objectContaining({ type: "text", text: "The lamp is lit at dusk." }),
    );
    expect(store.message("call-2")?.parts).toContainEqual(
      expect.objectContaining({ type: "text", text: "" }),
    );
    expect(store.message("call-3")).toBeUndefined();
    expect(notified).toBeGreaterThan(0);
  });

  it("fills a running lane from the live progress, and a finished one from its output", async () => {
    const store = new AgentProgressStore();
    store.apply({ toolCallId: "call-1", chunks });
    await settle();
    const lane = (state: string, output?: unknown) =>
      renderToStaticMarkup(
        <AgentProgressProvider value={store}>
          <AgentLane
            part={{
              type: "tool-retriever_agent",
              toolCallId: "call-1",
              state,
              input: { task: "When?" },
              output,
            }}
          />
        </AgentProgressProvider>,
      );
    expect(lane("input-available")).toContain("The lamp is lit at dusk.");
    const finished = {
      id: "m",
      role: "assistant",
      parts: [{ type: "text", text: "Lit at dusk, says the log." }],
    };
    expect(lane("output-available", finished)).toContain("Lit at dusk, says the log.");
  });
});
