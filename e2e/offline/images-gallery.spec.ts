import { expect, test } from "@playwright/test";
import { ChatPage } from "../pages/chat-page";
import { ImageGalleryPage } from "../pages/image-gallery-page";

test("an image asked for in the chat shows inline with its refined prompt and in the gallery, linked to its chat and trace", async ({
  page,
  request,
}) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("Draw a purple owl on a branch at night");
  const lane = chat.agentLane("Image agent");
  const image = lane.getByRole("img");
  await expect(image).toBeVisible();
  expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
  await expect(lane).toContainText("Refined prompt: purple owl on a branch at night, detailed digital");
  await expect(lane).toContainText("Asked for: Draw a purple owl on a branch at night");
  await expect(lane.getByRole("link", { name: "Download" })).toHaveAttribute("download", "");
  const chatPath = new URL(page.url()).pathname;
  expect(chatPath).toMatch(/^\/chats\/[0-9a-f-]{36}$/);
  const tracePath = await chat.lastAnswer().getByRole("link", { name: "View trace" }).getAttribute("href");
  expect(tracePath).toMatch(/^\/traces\/[0-9a-f]{32}$/);

  const gallery = new ImageGalleryPage(page);
  await gallery.openFromSidebar();
  const card = gallery.newestCard();
  await expect(card).toContainText("purple owl on a branch at night");
  await expect(card).toContainText("offline stand-in");
  await expect(card.getByRole("img")).toBeVisible();
  await expect(card.getByRole("link", { name: "Conversation" })).toHaveAttribute("href", chatPath);
  await expect(card.getByRole("link", { name: "Trace" })).toHaveAttribute("href", tracePath ?? "");

  const { images } = (await (await request.get("/api/images")).json()) as {
    images: Array<{ prompt: string; request?: string; chatId?: string; traceId?: string }>;
  };
  expect(images[0]).toMatchObject({
    request: "Draw a purple owl on a branch at night",
    chatId: chatPath.split("/").at(-1),
    traceId: tracePath?.split("/").at(-1),
  });

  await card.getByRole("link", { name: "Trace" }).click();
  await expect(page).toHaveURL(new RegExp(`${tracePath}$`));
  await gallery.openFromSidebar();
  await gallery.newestCard().getByRole("link", { name: "Conversation" }).click();
  await expect(page).toHaveURL(new RegExp(`${chatPath}$`));
  await expect(chat.agentLane("Image agent").getByRole("img")).toBeVisible();
});
