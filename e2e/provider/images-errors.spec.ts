import { expect, test } from "@playwright/test";
import { ChatPage } from "../pages/chat-page";
import { ImageGalleryPage } from "../pages/image-gallery-page";

test("an image from the real image endpoint is stored with its prompt and model and listed in the gallery", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("Draw a windmill by a canal");
  await expect(chat.agentLane("Image agent").getByRole("img")).toBeVisible();
  await expect(chat.agentLane("Image agent")).toContainText(
    "Refined prompt: Refined: Draw a windmill by a canal",
  );

  const gallery = new ImageGalleryPage(page);
  await gallery.openFromSidebar();
  const card = gallery.card("Draw a windmill by a canal");
  await expect(card).toContainText("scripted-image");
  await expect(card).not.toContainText("offline stand-in");
});

test("a content-policy refusal reaches the user as a readable message in the image agent's lane", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("Draw a castle [fault:image-policy]");
  const lane = chat.agentLane("Image agent");
  await expect(lane.getByRole("listitem", { name: "generate_image step" })).toContainText(
    "refused this prompt under its content policy",
  );
  await expect(lane).toContainText("Rephrase the request");
  await expect(lane.getByRole("img")).toHaveCount(0);
});

test("an image model the server does not have is reported with what to configure", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("Draw a bridge [fault:image-missing]");
  await expect(chat.agentLane("Image agent")).toContainText('No image model "scripted-image"');
  await expect(chat.agentLane("Image agent")).toContainText("IMAGE_MODEL");
});
