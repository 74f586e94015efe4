import { expect, test } from "@playwright/test";
import { ChatPage } from "../pages/chat-page";
import { KnowledgePage } from "../pages/knowledge-page";

test("through the provider path, the manager's answer keeps the retriever's sources, which open the passage", async ({
  page,
}) => {
  const knowledge = new KnowledgePage(page);
  await knowledge.open();
  await knowledge.upload(
    "provider-ledger.md",
    "text/markdown",
    "# Harbour ledger\n\n## Dues\n\nThe Quillmouth harbour dues for a trawler are 14 crowns per landing.\n",
  );
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("What do my documents say about harbour dues for a trawler?");
  await expect(chat.agentLane("Retriever agent")).toBeVisible();
  await expect(chat.lastAnswer()).toContainText("14 crowns per landing");
  const source = chat
    .lastAnswer()
    .getByRole("navigation", { name: "Sources" })
    .getByRole("link", { name: /provider-ledger\.md/ });
  await source.click();
  await expect(page.getByRole("heading", { level: 1, name: "provider-ledger.md" })).toBeVisible();
  await expect(knowledge.citedPassage()).toContainText("14 crowns per landing");
});
