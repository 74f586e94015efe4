import type { KnowledgeDocument } from "../../lib/kb/document-types";
import { KnowledgeApi } from "../pages/knowledge-api";
import { KnowledgePage } from "../pages/knowledge-page";
import { scriptedProviderEnvironment } from "../support/private-app-server";
import { expect, test } from "../support/private-app-test";

const restartReason = "Adding the document was interrupted by a server restart. Retry to add it again.";
const question = "What do my documents say about Marrowgate?";

// About 900 characters per entry, so each is one passage: 200 passages are four embedding batches.
function almanac(entries: number): string {
  const filler = "Tide gauge readings at breakwater show steady westerly swell. ".repeat(14);
  return Array.from({ length: entries }, (_, index) =>
    index === 0
      ? `Entry 1. Marrowgate beacon burns whale tallow. ${filler}`
      : `Entry ${index + 1}. ${filler}`,
  ).join("\n\n");
}

test("a server killed mid-ingestion leaves the document failed with the reason and nothing of it searchable; Retry adds it", async ({
  appServer,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // Each embeddings request of this model takes 1.5 s, so the ingestion is caught midway.
  const environment = { ...scriptedProviderEnvironment("scripted-embedding-slow"), LEASE_MS: "2000" };
  await appServer.start(environment);
  const knowledge = new KnowledgePage(page);
  const api = new KnowledgeApi(request);
  await knowledge.open();
  await knowledge.upload(
    "restart-keeper.md",
    "text/markdown",
    "# Keeper\n\nThe lantern oil is kept in the shed.",
  );

  const name = "restart-almanac.txt";
  const upload = await knowledge.chooseFiles([
    { name, mimeType: "text/plain", buffer: Buffer.from(almanac(200)) },
  ]);
  expect(upload.status()).toBe(201);
  const { id } = ((await upload.json()) as { documents: KnowledgeDocument[] }).documents[0];
  await expect(knowledge.document(name)).toContainText("processing");
  // Killed once the first batch of passages is embedded and a later one is in flight.
  await expect
    .poll(async () => (await api.document(id)).stageDetail, { intervals: [100], timeout: 30_000 })
    .toMatch(/^passage (6[4-9]|[7-9]\d|1\d\d) of 200$/);
  await appServer.kill();

  await appServer.start(environment);
  // The first search after the restart, before anything has listed the documents.
  const before = await api.searchThroughChat(question);
  expect(before.passages.length).toBeGreaterThan(0);
  expect(before.passages.map((passage) => passage.documentName)).not.toContain(name);
  // Once its lease (LEASE_MS) runs out nobody vouches for it, and the next look marks it failed.
  await expect.poll(async () => (await api.document(id)).status, { timeout: 30_000 }).toBe("failed");
  expect(await api.document(id)).toMatchObject({ status: "failed", error: restartReason, stage: null });
  expect(await api.passages(id)).toEqual([]);
  const { documents } = await api.documents();
  expect(documents.find((document) => document.name === "restart-keeper.md")).toMatchObject({
    status: "ready",
    chunks: 1,
  });

  await knowledge.open();
  await expect(knowledge.document(name).getByText("failed", { exact: true })).toBeVisible();
  await expect(knowledge.document(name)).toContainText(restartReason);
  await knowledge.retry(name);
  await knowledge.waitUntilReady(name, 60_000);

  expect(await api.document(id)).toMatchObject({ status: "ready", chunks: 200, error: null });
  // Exactly one copy of every passage: nothing of the interrupted run was left in the table.
  const passages = await api.passages(id);
  expect(passages.map((passage) => passage.chunkIndex)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  const after = await api.searchThroughChat(question);
  expect(after.passages.find((passage) => passage.documentName === name)?.text).toContain(
    "Marrowgate beacon burns whale tallow",
  );
});
