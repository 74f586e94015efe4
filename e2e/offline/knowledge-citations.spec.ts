import { expect, test } from "@playwright/test";
import { ChatPage } from "../pages/chat-page";
import { KnowledgePage } from "../pages/knowledge-page";

const almanac = `# Quillmouth almanac

## Lighthouses

The Skerry Point light shows two white flashes every fifteen seconds.

## Bells

The harbour bell of Quillmouth was cast in bronze in 1702 and rings three times before each ferry.
`;

test("an answer cites numbered sources, and a source opens the document at the cited passage, highlighted", async ({
  page,
}) => {
  const knowledge = new KnowledgePage(page);
  await knowledge.open();
  await knowledge.upload("citation-almanac.md", "text/markdown", almanac);

  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("When was the Quillmouth harbour bell cast?");
  await expect(chat.lastAnswer()).toContainText("cast in bronze in 1702");
  const sources = chat.lastAnswer().getByRole("navigation", { name: "Sources" });
  await expect(sources).toContainText("[1]");
  const source = sources.getByRole("link", { name: /citation-almanac\.md/ });
  await expect(source).toHaveAttribute("href", /^\/knowledge\/[0-9a-f-]{36}\?passage=\d+#chunk-\d+$/);

  await source.click();
  await expect(page).toHaveURL(/\/knowledge\/[0-9a-f-]{36}\?passage=\d+#chunk-\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "citation-almanac.md" })).toBeVisible();
  const cited = knowledge.citedPassage();
  await expect(cited).toHaveCount(1);
  await expect(cited).toContainText("cast in bronze in 1702");
  await expect(cited).toContainText("Cited passage");
  await expect(cited).toBeInViewport();

  await page.goBack();
  await expect(chat.lastAnswer()).toContainText("cast in bronze in 1702");
});

test("a ready document can be read from the list, passage by passage", async ({ page }) => {
  const knowledge = new KnowledgePage(page);
  await knowledge.open();
  await knowledge.upload("citation-almanac.md", "text/markdown", almanac);
  await knowledge.read("citation-almanac.md");
  await expect(page.getByRole("list", { name: "Passages" }).getByRole("listitem").first()).toContainText(
    "Quillmouth almanac",
  );
  await expect(knowledge.citedPassage()).toHaveCount(0);
});

test("naming a document in the question searches only that document", async ({ page }) => {
  const knowledge = new KnowledgePage(page);
  await knowledge.open();
  await knowledge.upload(
    "bells-east.md",
    "text/markdown",
    "# East harbour bell\n\nThe east harbour bell rings at dawn, when the trawlers leave.\n",
  );
  await knowledge.upload(
    "bells-west.md",
    "text/markdown",
    "# West harbour bell\n\nThe west harbour bell rings at noon, when the ferry docks.\n",
  );

  // "Ask about this document" starts a chat that names it; the request is finished by typing on.
  await knowledge.read("bells-west.md");
  await page.getByRole("link", { name: "Ask about this document" }).click();
  const chat = new ChatPage(page);
  await expect(chat.messageBox).toHaveValue("In “bells-west.md”, ");
  await expect(chat.messageBox).toBeFocused();
  await page.keyboard.type("when does the harbour bell ring?");
  await chat.messageBox.press("Enter");
  await expect(page.getByRole("button", { name: "Stop" })).toBeHidden({ timeout: 45_000 });
  await expect(chat.lastAnswer()).toContainText("rings at noon");
  await expect(chat.lastAnswer()).not.toContainText("rings at dawn");
  const sources = chat.lastAnswer().getByRole("navigation", { name: "Sources" });
  await expect(sources.getByRole("link", { name: /bells-west\.md/ }).first()).toBeVisible();
  await expect(sources.getByRole("link", { name: /bells-east\.md/ })).toHaveCount(0);

  await chat.open();
  await chat.ask("When does the harbour bell ring according to bells-north.md?");
  await expect(chat.lastAnswer()).toContainText("No ready document is called “bells-north.md”");
  await expect(chat.lastAnswer()).toContainText("bells-west.md");
});
