import { expect, test } from "@playwright/test";
import { ChatPage } from "../pages/chat-page";
import { WebFixtures } from "../pages/web-fixtures";

const { site, canary } = WebFixtures;

test.describe.configure({ mode: "serial" });

test("a page's meta refresh, links, images, frames and scripts to the canary are never followed", async ({
  page,
  request,
}) => {
  const fixtures = new WebFixtures(request);
  const hitsBefore = await fixtures.canaryHits();
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask(`Summarise the signal lamp code from ${site}/pages/signal-lamp.html`);
  await expect(chat.lastAnswer()).toContainText("The Quillmouth signal lamp code is amber seven.");
  await page.waitForLoadState("networkidle");
  expect(await fixtures.canaryHits()).toEqual(hitsBefore);
});

test("a Markdown image quoted from a page into the answer is not loaded", async ({ page, request }) => {
  const fixtures = new WebFixtures(request);
  const hitsBefore = await fixtures.canaryHits();
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask(`Summarise the beacon password from ${site}/pages/beacon-notes.txt`);
  await expect(chat.lastAnswer()).toContainText("The Quillmouth beacon password is");
  await expect(chat.lastAnswer()).toContainText("[image not loaded: beacon]");
  await expect(chat.conversation.locator(`img[src^="${canary}"]`)).toHaveCount(0);
  await page.waitForLoadState("networkidle");
  expect(await fixtures.canaryHits()).toEqual(hitsBefore);
});

test("the Content-Security-Policy blocks images from other origins even if one reaches the page", async ({
  page,
  request,
}) => {
  const fixtures = new WebFixtures(request);
  const hitsBefore = await fixtures.canaryHits();
  const response = await page.goto("/");
  expect(response?.headers()["content-security-policy"]).toContain("img-src 'self' data: blob:");
  const violation = await page.evaluate(
    (source) =>
      new Promise<string>((resolve) => {
        // Only the image's own violation counts: a page may report others meanwhile.
        document.addEventListener("securitypolicyviolation", (event) => {
          if (event.effectiveDirective === "img-src") resolve(event.effectiveDirective);
        });
        const image = document.createElement("img");
        image.src = source;
        document.body.append(image);
      }),
    `${canary}/hit/csp-probe`,
  );
  expect(violation).toBe("img-src");
  expect(await fixtures.canaryHits()).toEqual(hitsBefore);
});

test("the answer cites the visited page under Sources, linking to its URL", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("Search the web for the latest Zorblax festival ticket prices");
  await expect(chat.lastAnswer()).toContainText("18 euros");
  const sources = chat.lastAnswer().getByRole("navigation", { name: "Sources" });
  await expect(sources.getByRole("link", { name: "Zorblax Festival 2026" })).toHaveAttribute(
    "href",
    `${site}/pages/zorblax-festival.html`,
  );
});
