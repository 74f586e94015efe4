import { expect, test } from "@playwright/test";
import { ChatApi } from "../pages/chat-api";
import { ChatPage } from "../pages/chat-page";
import { KnowledgePage } from "../pages/knowledge-page";

const handbook = `# Tidewater handbook

${Array.from({ length: 60 }, (_, index) => `Rule ${index + 1}: the tidewater keeper logs the brine level at dawn and records the gull count.`).join("\n\n")}
`;

interface StreamChunk {
  type: string;
  delta?: string;
  output?: unknown;
  data?: unknown;
}

function chunksOf(stream: string): StreamChunk[] {
  return stream
    .split("\n")
    .filter((line) => line.startsWith("data: {"))
    .map((line) => JSON.parse(line.slice("data: ".length)) as StreamChunk);
}

test("a delegated answer streams in bytes linear in what it shows, and the lane fills in live", async ({
  page,
  request,
}) => {
  const knowledge = new KnowledgePage(page);
  await knowledge.open();
  await knowledge.upload("tidewater-handbook.md", "text/markdown", handbook);

  const run = await new ChatApi(request).ask("What does the tidewater keeper log at dawn?");
  const chunks = chunksOf(run.stream);
  // What the answer shows: the manager's text, and the retriever's whole message (its steps, search
  // results and answer), which arrives once as the tool's output.
  const shownText = chunks
    .filter((chunk) => chunk.type === "text-delta")
    .map((chunk) => chunk.delta ?? "")
    .join("");
  const outputs = chunks.filter((chunk) => chunk.type === "tool-output-available");
  expect(outputs).toHaveLength(1);
  const shown = shownText.length + JSON.stringify(outputs[0].output).length;
  expect(shownText).toContain("brine level");
  expect(run.stream.length).toBeLessThanOrEqual(4 * shown);
  // The progress came as batches of the sub-agent's own chunks, not as snapshots of its message.
  const progress = chunks.filter((chunk) => chunk.type === "data-agent-progress");
  expect(progress.length).toBeGreaterThan(0);
  expect(JSON.stringify(progress).length).toBeLessThan(2 * JSON.stringify(outputs[0].output).length);

  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("What does the tidewater keeper log at dawn?");
  await expect(chat.agentLane("Retriever agent")).toContainText("brine level");
  await expect(chat.lastAnswer()).toContainText("brine level");
});
