import type { KnowledgeSearchOutput } from "../pages/chat-api";
import { KnowledgeApi } from "../pages/knowledge-api";
import { KnowledgePage } from "../pages/knowledge-page";
import { scriptedProviderEnvironment } from "../support/private-app-server";
import { expect, test } from "../support/private-app-test";

const question = "What do my documents say about the ferry toll?";
const findsLedger = (search: KnowledgeSearchOutput) =>
  search.passages.some((passage) => passage.text.includes("ferry toll is 9 crowns"));

test("a changed embedding model is detected, searched by keywords with a notice, and re-indexed from the page", async ({
  appServer,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const knowledge = new KnowledgePage(page);
  const api = new KnowledgeApi(request);

  await test.step("indexed with a 64-dimension model", async () => {
    await appServer.start(scriptedProviderEnvironment("scripted-embedding"));
    await knowledge.open();
    await knowledge.upload("model-ledger.md", "text/markdown", "# Ledger\n\nThe ferry toll is 9 crowns.");
    const search = await api.searchThroughChat(question);
    expect(findsLedger(search)).toBe(true);
    expect(search.notice).toBeUndefined();
    await appServer.stop();
  });

  // Another dimension (and name), then the same dimension under another name.
  for (const [model, previous] of [
    ["scripted-embedding-96d", "scripted-embedding"],
    ["scripted-embedding-alt-96d", "scripted-embedding-96d"],
  ]) {
    await test.step(`restarted with ${model}`, async () => {
      await appServer.start(scriptedProviderEnvironment(model));
      expect(await api.indexStatus()).toMatchObject({
        indexedModel: `openai.embedding:${previous}`,
        configuredModel: `openai.embedding:${model}`,
        modelChanged: true,
      });
      await knowledge.open();
      await expect(knowledge.indexBanner).toContainText(`“openai.embedding:${previous}”`);
      await expect(knowledge.indexBanner).toContainText("searches match keywords only");
      const refused = await knowledge.chooseFiles([
        {
          name: `refused-${model}.md`,
          mimeType: "text/markdown",
          buffer: Buffer.from("# Waits\n\nNot now."),
        },
      ]);
      expect(refused.status()).toBe(409);
      await expect(knowledge.alert).toContainText("Re-index it on the Knowledge page first");

      const byKeywords = await api.searchThroughChat(question);
      expect(findsLedger(byKeywords)).toBe(true);
      expect(byKeywords.notice).toContain("so this search matched keywords only");

      await knowledge.reindex();
      await page.reload();
      await expect(knowledge.indexBanner).toBeHidden();
      expect(await api.indexStatus()).toMatchObject({
        indexedModel: `openai.embedding:${model}`,
        modelChanged: false,
        reindex: null,
      });
      const byMeaning = await api.searchThroughChat(question);
      expect(findsLedger(byMeaning)).toBe(true);
      expect(byMeaning.notice).toBeUndefined();
      await knowledge.upload(`accepted-${model}.md`, "text/markdown", `# Accepted\n\nIndexed by ${model}.`);
      await appServer.stop();
    });
  }

  await test.step("restarted where the server returns 32 dimensions under the same model name", async () => {
    await appServer.start(scriptedProviderEnvironment("scripted-embedding-alt-96d", 32));
    await knowledge.open();
    // The name did not change, so only the first vectors can tell: this upload's do not fit.
    const name = "swapped-notes.md";
    const upload = await knowledge.chooseFiles([
      { name, mimeType: "text/markdown", buffer: Buffer.from("# Swapped\n\nThe quay crane is yellow.") },
    ]);
    expect(upload.status()).toBe(201);
    await expect(knowledge.document(name).getByText("failed", { exact: true })).toBeVisible();
    await expect(knowledge.document(name)).toContainText("Re-index it on the Knowledge page");
    await expect(knowledge.indexBanner).toContainText("searches match keywords only");

    const byKeywords = await api.searchThroughChat(question);
    expect(findsLedger(byKeywords)).toBe(true);
    expect(byKeywords.notice).toContain("(96 dimensions)");

    await knowledge.reindex();
    await knowledge.retry(name);
    await knowledge.waitUntilReady(name);
    const byMeaning = await api.searchThroughChat(question);
    expect(findsLedger(byMeaning)).toBe(true);
    expect(byMeaning.notice).toBeUndefined();
  });
});
