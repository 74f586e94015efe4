import { expect, type Locator, type Page } from "@playwright/test";

/** A file to put in the upload input: a buffer, or a path for files over Playwright's 50 MB buffer limit. */
export type UploadFile = { name: string; mimeType: string; buffer: Buffer } | string;

/** The knowledge base at `/knowledge`: upload, watch, cancel, retry, read and delete. */
export class KnowledgePage {
  readonly fileInput: Locator;
  readonly dropZone: Locator;
  readonly documents: Locator;
  readonly alert: Locator;
  readonly notice: Locator;
  /** Shown when the embedding model changed since indexing, and while a re-index runs. */
  readonly indexBanner: Locator;

  constructor(readonly page: Page) {
    this.fileInput = page.getByLabel("Upload documents");
    this.dropZone = page.getByRole("region", { name: "Drop files to upload" });
    this.documents = page.getByRole("list", { name: "Documents" });
    this.alert = page.getByRole("main").getByRole("alert");
    this.notice = page.getByRole("status").filter({ hasText: "already in the knowledge base" });
    this.indexBanner = page.getByRole("region", { name: "Search index" });
  }

  async open() {
    await this.page.goto("/knowledge");
    await expect(this.page.getByRole("heading", { name: "Knowledge base" })).toBeVisible();
  }

  document(name: string): Locator {
    return this.page.getByRole("listitem").filter({ hasText: name });
  }

  progressBar(name: string): Locator {
    return this.page.getByRole("progressbar", { name: `Progress of ${name}` });
  }

  /** Uploads a file and waits until it is ready to search. */
  async upload(name: string, mimeType: string, content: string | Buffer) {
    await this.fileInput.setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
    await this.waitUntilReady(name);
  }

  /** Puts files in the upload input and waits for the upload request to be answered. */
  async chooseFiles(files: UploadFile[]) {
    const answered = this.page.waitForResponse(
      (response) => response.url().endsWith("/api/documents") && response.request().method() === "POST",
    );
    await this.fileInput.setInputFiles(files as Parameters<Locator["setInputFiles"]>[0]);
    return answered;
  }

  /** Drops files on the upload zone, as dragging them from the desktop does. */
  async dropFiles(files: Array<{ name: string; mimeType: string; content: string }>) {
    const dataTransfer = await this.page.evaluateHandle((list) => {
      const transfer = new DataTransfer();
      for (const file of list)
        transfer.items.add(new File([file.content], file.name, { type: file.mimeType }));
      return transfer;
    }, files);
    await this.dropZone.dispatchEvent("dragover", { dataTransfer });
    await this.dropZone.dispatchEvent("drop", { dataTransfer });
  }

  async waitUntilReady(name: string, timeout = 30_000) {
    await expect(this.document(name)).toBeVisible();
    await expect(this.document(name).getByText("ready", { exact: true })).toBeVisible({ timeout });
  }

  async cancel(name: string) {
    await this.document(name)
      .getByRole("button", { name: `Cancel ${name}` })
      .click();
    await expect(this.document(name).getByText("failed", { exact: true })).toBeVisible();
  }

  async retry(name: string) {
    await this.document(name)
      .getByRole("button", { name: `Retry ${name}` })
      .click();
  }

  async remove(name: string) {
    await this.document(name)
      .getByRole("button", { name: `Delete ${name}` })
      .click();
    await expect(this.document(name)).toHaveCount(0);
  }

  /** Starts the re-index the banner offers and waits until it has finished (the banner goes). */
  async reindex(timeout = 30_000) {
    await this.indexBanner.getByRole("button", { name: "Re-index all documents" }).click();
    await expect(this.indexBanner).toBeHidden({ timeout });
  }

  /** Opens a ready document's passages from its name in the list. */
  async read(name: string) {
    await this.document(name).getByRole("link", { name }).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  /** The passage a citation opened (marked as the current location). */
  citedPassage(): Locator {
    return this.page.getByRole("list", { name: "Passages" }).locator('[aria-current="location"]');
  }
}
