import { expect, type Locator, type Page } from "@playwright/test";

/** The gallery at `/images`: every generated image, newest first, linked to its chat and trace. */
export class ImageGalleryPage {
  readonly images: Locator;

  constructor(readonly page: Page) {
    this.images = page.getByRole("list", { name: "Generated images" });
  }

  /** Opens the gallery the way a user does, from the sidebar. */
  async openFromSidebar() {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Images" }).click();
    await expect(this.page.getByRole("heading", { name: "Images" })).toBeVisible();
  }

  /** The gallery card whose caption contains the text. */
  card(text: string): Locator {
    return this.images.getByRole("listitem").filter({ hasText: text });
  }

  newestCard(): Locator {
    return this.images.getByRole("listitem").first();
  }
}
