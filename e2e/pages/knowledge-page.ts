import { expect, type Locator, type Page } from "@playwright/test";

/** The knowledge base at `/knowledge`: upload, watch, delete. */
export class KnowledgePage {
  readonly fileInput: Locator;

  constructor(readonly page: Page) {
    this.fileInput = page.getByLabel("Upload documents");
  }

  async open() {
    await this.page.goto("/knowledge");
    await expect(this.page.getByRole("heading", { name: "Knowledge base" })).toBeVisible();
  }

  document(name: string): Locator {
    return this.page.getByRole("listitem").filter({ hasText: name });
  }

  /** Uploads a file and waits until it is ready to search. */
  async upload(name: string, mimeType: string, content: string | Buffer) {
    await this.fileInput.setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
    await expect(this.document(name)).toBeVisible();
    await expect(this.document(name).getByText("ready", { exact: true })).toBeVisible({ timeout: 30_000 });
  }
}
