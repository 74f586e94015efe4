import { KnowledgeApi } from "../pages/knowledge-api";
import { KnowledgePage } from "../pages/knowledge-page";
import { expect, test } from "../support/private-app-test";

// About 900 characters per entry, so each is one passage.
const filler = "Tide gauge readings at the breakwater show a steady westerly swell. ".repeat(13);
const harbourLog = Array.from({ length: 300 }, (_, index) =>
  index === 150
    ? `Entry ${index + 1}. The Saltmarsh lock opens at half tide for barges. ${filler}`
    : `Entry ${index + 1}. ${filler}`,
).join("\n\n");

test("once the table is large enough its vector index is built by itself, the page says so, and search still finds the passage", async ({
  appServer,
  page,
  request,
}) => {
  test.setTimeout(120_000);
  // A private server on the offline models, with the ANN threshold at its lowest.
  await appServer.start({ KB_ANN_MIN_ROWS: "256" });
  const knowledge = new KnowledgePage(page);
  const api = new KnowledgeApi(request);
  await knowledge.open();
  await knowledge.upload("ann-note.md", "text/markdown", "# Pier\n\nThe Quillmouth pier is 200 metres long.");
  const summary = page.getByLabel("Search index summary");
  await expect(summary).toContainText("1 passage searchable · exact vector search");

  await knowledge.upload("ann-harbour-log.txt", "text/plain", harbourLog);
  await expect
    .poll(async () => (await api.indexStatus()).table, { intervals: [500], timeout: 60_000 })
    .toEqual({ passages: 301, vectorSearch: "approximate" });
  await page.reload();
  await expect(summary).toContainText("301 passages searchable · approximate vector search (ANN index)");
  const search = await api.searchThroughChat("When does the Saltmarsh lock open?");
  expect(search.passages[0].text).toContain("Saltmarsh lock opens at half tide");
});
