import { expect, type Locator, type Page } from "@playwright/test";

export interface AttachmentFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The chat composer's attachments: the "Attach files" button, drag and drop, and the chips. */
export class AttachmentComposer {
  readonly attachButton: Locator;
  readonly chips: Locator;
  readonly problems: Locator;

  constructor(readonly page: Page) {
    this.attachButton = page.getByRole("button", { name: "Attach files" });
    this.chips = page.getByRole("list", { name: "Attachments" });
    this.problems = page.getByRole("alert", { name: "Attachment problems" });
  }

  /** Attaches files through the button's file chooser, as a user does. */
  async attach(...files: AttachmentFile[]) {
    const chooser = this.page.waitForEvent("filechooser");
    await this.attachButton.click();
    await (await chooser).setFiles(files);
    for (const file of files) await expect(this.chip(file.name)).toBeVisible();
  }

  /** Drops files on the message box, as dragging them from the desktop does. */
  async drop(...files: AttachmentFile[]) {
    const dataTransfer = await this.page.evaluateHandle(
      (entries) => {
        const transfer = new DataTransfer();
        for (const entry of entries) {
          const bytes = Uint8Array.from(atob(entry.base64), (character) => character.charCodeAt(0));
          transfer.items.add(new File([bytes], entry.name, { type: entry.mimeType }));
        }
        return transfer;
      },
      files.map((file) => ({
        name: file.name,
        mimeType: file.mimeType,
        base64: file.buffer.toString("base64"),
      })),
    );
    const messageBox = this.page.getByRole("textbox", { name: "Message" });
    await messageBox.dispatchEvent("dragover", { dataTransfer });
    await messageBox.dispatchEvent("drop", { dataTransfer });
  }

  chip(name: string): Locator {
    return this.chips.getByRole("listitem").filter({ hasText: name });
  }

  async remove(name: string) {
    await this.page.getByRole("button", { name: `Remove ${name}` }).click();
    await expect(this.chip(name)).toHaveCount(0);
  }
}
