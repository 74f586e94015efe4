import { expect, type Locator, type Page } from "@playwright/test";

/** The chat at `/` as a user drives it: type, press Enter, read the answer. */
export class ChatPage {
  readonly messageBox: Locator;
  readonly conversation: Locator;

  constructor(readonly page: Page) {
    this.messageBox = page.getByRole("textbox", { name: "Message" });
    this.conversation = page.getByRole("log", { name: "Conversation" });
  }

  async open() {
    await this.page.goto("/");
    await expect(this.messageBox).toBeVisible();
  }

  /** Sends a message with Enter and waits until the answer has finished streaming. */
  async ask(text: string) {
    await this.messageBox.fill(text);
    await this.messageBox.press("Enter");
    await expect(this.page.getByRole("button", { name: "Stop" })).toBeHidden({ timeout: 45_000 });
  }

  lastAnswer(): Locator {
    return this.page.getByRole("article", { name: "Assistant message" }).last();
  }

  agentLane(title: string): Locator {
    return this.lastAnswer().getByRole("region", { name: title });
  }

  errorAlert(): Locator {
    return this.conversation.getByRole("alert");
  }

  async openTrace() {
    await this.lastAnswer().getByRole("link", { name: "View trace" }).click();
    await expect(this.page.getByRole("heading", { name: "Trace" })).toBeVisible();
  }
}
