import { expect, test } from "@playwright/test";
import { AttachmentComposer } from "../pages/attachment-composer";
import { ChatPage } from "../pages/chat-page";
import { lighthouseMemo, redBluePng } from "../support/attachment-fixtures";

const memo = { name: "memo.md", mimeType: "text/markdown", buffer: Buffer.from(lighthouseMemo) };
const picture = { name: "flag.png", mimeType: "image/png", buffer: redBluePng };

test("an attached document is searched by the retriever agent without joining the knowledge base", async ({
  page,
  request,
}) => {
  const chat = new ChatPage(page);
  const composer = new AttachmentComposer(page);
  await chat.open();
  await composer.attach(memo, picture);
  await composer.remove("flag.png");
  await chat.ask("What does the attached file say about the lamp?");

  const question = page.getByRole("article", { name: "Your message" }).last();
  await expect(question.getByRole("list", { name: "Attached files" })).toContainText("memo.md");
  await expect(composer.chips).toHaveCount(0);
  await expect(chat.agentLane("Retriever agent")).toContainText("search_knowledge_base");
  await expect(chat.lastAnswer()).toContainText(
    "The lamp of the Brandaris lighthouse is replaced every 18 months.",
  );
  const sources = chat.lastAnswer().getByRole("navigation", { name: "Sources" });
  await expect(sources).toContainText("memo.md");
  await expect(sources).toContainText("(attached)");
  await expect(sources.getByRole("link", { name: /memo\.md/ })).toHaveCount(0);

  const { documents } = (await (await request.get("/api/documents")).json()) as {
    documents: Array<{ name: string }>;
  };
  expect(documents.map((document) => document.name)).not.toContain("memo.md");
});

test("an image dropped on the message box is measured, and the answer says it was not seen by a vision model", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  const composer = new AttachmentComposer(page);
  await chat.open();
  await composer.drop(picture);
  await expect(composer.chip("flag.png")).toBeVisible();
  await chat.ask("What colours are in the attached image?");
  await expect(
    page.getByRole("article", { name: "Your message" }).last().getByRole("img", { name: "flag.png" }),
  ).toBeVisible();
  await expect(chat.lastAnswer()).toContainText(
    "dominant colours are red (#d02020, 75%), blue (#2050d0, 25%)",
  );
  await expect(chat.lastAnswer()).toContainText("not seen by a vision model");
});

test("a file that cannot be attached is refused in the composer and by the API", async ({
  page,
  request,
}) => {
  const chat = new ChatPage(page);
  const composer = new AttachmentComposer(page);
  await chat.open();
  const chooser = page.waitForEvent("filechooser");
  await composer.attachButton.click();
  await (await chooser).setFiles({
    name: "setup.exe",
    mimeType: "application/octet-stream",
    buffer: Buffer.from("MZ"),
  });
  await expect(composer.problems).toContainText("“setup.exe” cannot be attached");
  await expect(composer.chips).toHaveCount(0);

  const response = await request.post("/api/chat", {
    data: {
      id: "attachment-refusal",
      trigger: "submit-message",
      messages: [
        {
          id: "m1",
          role: "user",
          parts: [
            { type: "file", mediaType: "image/png", filename: "cat.png", url: "http://127.0.0.1:1/cat.png" },
            { type: "text", text: "What is this?" },
          ],
        },
      ],
    },
  });
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { error: string }).error).toContain(
    "must be uploaded to /api/attachments (or sent as a base64 data: URL)",
  );
  const exe = await request.post("/api/attachments", {
    multipart: {
      file: { name: "setup.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") },
    },
  });
  expect(exe.status()).toBe(415);
  expect(((await exe.json()) as { error: string }).error).toContain("“setup.exe” cannot be attached");
});

test("a file is uploaded once and read once: later turns refer to it and reuse what was read", async ({
  page,
  request,
}) => {
  const chat = new ChatPage(page);
  const composer = new AttachmentComposer(page);
  await chat.open();
  const uploads: string[] = [];
  const chatBodies: string[] = [];
  page.on("request", (sent) => {
    if (sent.url().endsWith("/api/attachments")) uploads.push(sent.url());
    if (sent.url().endsWith("/api/chat")) chatBodies.push(sent.postData() ?? "");
  });
  await composer.attach(memo);
  await chat.ask("What does the attached file say about the lamp?");
  await expect(chat.lastAnswer()).toContainText("replaced every 18 months");
  await chat.ask("And what does the attached memo say about the lamp, again?");
  await expect(chat.lastAnswer()).toContainText("replaced every 18 months");

  expect(uploads).toHaveLength(1);
  expect(chatBodies).toHaveLength(2);
  // The first turn refers to the stored file; no turn carries its bytes.
  const reference = /\/api\/attachments\/[0-9a-f]{64}/.exec(chatBodies[0])?.[0];
  expect(reference).toBeDefined();
  for (const body of chatBodies) expect(body).not.toContain("Brandaris");
  const stored = await request.get(reference ?? "");
  expect(stored.status()).toBe(200);
  expect(await stored.text()).toContain("Brandaris");
  expect(stored.headers()["content-disposition"]).toBe("attachment");
  // The conversation keeps the reference, not the file.
  const chatId = new URL(page.url()).pathname.split("/").at(-1);
  const saved = JSON.stringify(await (await request.get(`/api/chats/${chatId}`)).json());
  expect(saved).toContain(reference);
  expect(saved).not.toContain("base64");
});
