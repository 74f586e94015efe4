import { expect, test } from "@playwright/test";
import { ChatPage } from "../pages/chat-page";

// The offline planner runs a fenced snippet as it is. It splits requests at sentence ends, so these
// snippets end their lines without semicolons.
test("the code interpreter computes with its built-in helpers and shows output and result", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask(
    [
      "Run this code:",
      "```js",
      'const rows = csv.parse("city,temp\\nOslo,4\\nRome,18\\nLima,20")',
      'console.log(rows.length + " rows")',
      "const temps = rows.map((row) => row.temp)",
      "const summary = { mean: stats.mean(temps), median: stats.median(temps) }",
      "summary",
      "```",
    ].join("\n"),
  );
  const lane = chat.agentLane("Code interpreter");
  await expect(lane.getByRole("figure", { name: "Printed output" })).toHaveText("3 rows");
  await expect(lane).toContainText('"mean": 14');
  await expect(lane).toContainText('"median": 18');
  await expect(chat.lastAnswer()).toContainText("The code interpreter computed");
});

test("an error in the code comes back with its line, marked in the code", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask(
    ["Run this code:", "```js", "const values = [1, 2, 3]", "values.missing.length", "```"].join("\n"),
  );
  const lane = chat.agentLane("Code interpreter");
  await expect(lane.getByRole("alert")).toContainText("TypeError");
  await expect(lane.getByRole("alert")).toContainText("(line 2)");
  await expect(lane.locator("[data-failed-line]")).toContainText("values.missing.length");
});
