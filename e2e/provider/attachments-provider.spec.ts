import { expect, test } from "@playwright/test";
import { AttachmentComposer } from "../pages/attachment-composer";
import { ChatPage } from "../pages/chat-page";
import { lighthouseMemo, redBluePng } from "../support/attachment-fixtures";
import { getTestEnvironment } from "../support/test-ports";

const environment = getTestEnvironment();

test("attached files reach the manager and its sub-agents through the real provider path", async ({
  page,
  request,
}) => {
  const before = (await (
    await request.get(`http://127.0.0.1:${environment.openAIPort}/__requests`)
  ).json()) as unknown[];
  const chat = new ChatPage(page);
  const composer = new AttachmentComposer(page);
  await chat.open();
  await composer.attach(
    { name: "memo.md", mimeType: "text/markdown", buffer: Buffer.from(lighthouseMemo) },
    { name: "flag.png", mimeType: "image/png", buffer: redBluePng },
  );
  await chat.ask("What do my documents say about the lamp of the Brandaris lighthouse?");
  await expect(chat.agentLane("Retriever agent")).toContainText("search_knowledge_base");
  await expect(chat.lastAnswer()).toContainText("replaced every 18 months");

  const calls = (
    (await (await request.get(`http://127.0.0.1:${environment.openAIPort}/__requests`)).json()) as Array<{
      agent?: string;
      imageParts?: number;
    }>
  ).slice(before.length);
  // The image goes to every model that works on the request, as an image the model can look at.
  expect(calls.find((call) => call.agent === "manager")?.imageParts).toBe(1);
  expect(calls.find((call) => call.agent === "retriever")?.imageParts).toBe(1);
});
