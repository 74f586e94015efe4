import { expect, test } from "@playwright/test";
import { AnswerCitations, answerTextOf } from "../pages/answer-citations";
import { ChatApi } from "../pages/chat-api";
import { ChatPage } from "../pages/chat-page";
import { KnowledgePage } from "../pages/knowledge-page";
import { WebFixtures } from "../pages/web-fixtures";

const harbourNotes = `# Brindlecombe harbour notes

## Tide gauge

The Brindlecombe tide gauge was installed on the east pier in 1887 and is read at every high water.

## Moorings

Visiting yachts moor on the outer pontoon of Brindlecombe for twelve crowns a night.
`;

const ferryNotes = `# Brindlecombe ferries

## Timetable

The Brindlecombe ferry to Gannet Rock leaves at half past six from the slipway.
`;

const passageLink = /^\/knowledge\/[0-9a-f-]{36}\?passage=(\d+)#chunk-\1$/;

test("an inline [1] in the answer opens the cited passage, highlighted, and the sources are listed once", async ({
  page,
  request,
}) => {
  const knowledge = new KnowledgePage(page);
  await knowledge.open();
  await knowledge.upload("brindlecombe-notes.md", "text/markdown", harbourNotes);

  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask("When was the Brindlecombe tide gauge installed?");
  await expect(chat.lastAnswer()).toContainText("installed on the east pier in 1887");
  const citations = new AnswerCitations(chat.lastAnswer());
  const citation = citations.of("brindlecombe-notes.md").first();
  await expect(citation).toHaveText("[1]");
  await expect(citation).toHaveAccessibleName(/^Source 1: brindlecombe-notes\.md/);
  await expect(citation).toHaveAttribute("href", passageLink);
  await expect(citation).not.toHaveAttribute("target");
  const listed = citations.sources.getByRole("link", { name: /brindlecombe-notes\.md/ });
  expect(await citation.getAttribute("href")).toBe(await listed.getAttribute("href"));
  await expect(citations.sources).toHaveCount(1);

  await citation.click();
  await expect(page).toHaveURL(/\/knowledge\/[0-9a-f-]{36}\?passage=(\d+)#chunk-\1$/);
  await expect(page.getByRole("heading", { level: 1, name: "brindlecombe-notes.md" })).toBeVisible();
  const cited = knowledge.citedPassage();
  await expect(cited).toHaveCount(1);
  await expect(cited).toContainText("installed on the east pier in 1887");
  await expect(cited).toContainText("Cited passage");
  await expect(cited).toBeInViewport();

  // The answer's text cites by number; the one list of sources is the app's, under it.
  const text = answerTextOf(
    await new ChatApi(request).ask("When was the Brindlecombe tide gauge installed?"),
  );
  expect(text).toMatch(/installed on the east pier in 1887[^\n]* \[1\]/);
  expect(text).not.toContain("Sources");
  expect(text).not.toContain("[1] brindlecombe-notes.md");
});

test("an answer from two agents numbers their sources apart, and each [n] opens its own source", async ({
  page,
}) => {
  const knowledge = new KnowledgePage(page);
  await knowledge.open();
  await knowledge.upload("brindlecombe-ferries.md", "text/markdown", ferryNotes);

  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask(
    "When does the Brindlecombe ferry leave? Search the web for the latest Zorblax festival ticket prices.",
  );
  await expect(chat.agentLane("Retriever agent")).toBeVisible();
  await expect(chat.agentLane("Web agent")).toBeVisible();
  await expect(chat.lastAnswer()).toContainText("leaves at half past six");
  await expect(chat.lastAnswer()).toContainText("18 euros");

  const citations = new AnswerCitations(chat.lastAnswer());
  const document = citations.of("brindlecombe-ferries.md").first();
  const webPage = citations.of("Zorblax Festival 2026").first();
  await expect(document).toHaveAttribute("href", passageLink);
  await expect(webPage).toHaveAttribute("href", `${WebFixtures.site}/pages/zorblax-festival.html`);
  await expect(webPage).toHaveAttribute("target", "_blank");
  await expect(webPage).toHaveAttribute("rel", /noopener noreferrer/);

  const documentNumber = await citations.numberOf(document);
  const webNumber = await citations.numberOf(webPage);
  expect(documentNumber).not.toBe(webNumber);
  await expect(document).toHaveText(`[${documentNumber}]`);
  await expect(webPage).toHaveText(`[${webNumber}]`);
  // Every number in the text names one source, and the list under the answer numbers them alike.
  const sourcesByNumber = await citations.sourcesByNumber();
  expect(sourcesByNumber.get(documentNumber)).toMatch(/^brindlecombe-ferries\.md/);
  expect(sourcesByNumber.get(webNumber)).toBe("Zorblax Festival 2026");
  for (const [number, source] of sourcesByNumber) {
    await expect(citations.sources.getByRole("listitem").filter({ hasText: `[${number}]` })).toContainText(
      source,
    );
  }
});
