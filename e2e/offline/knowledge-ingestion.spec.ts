import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { buildDocx, buildLongPdf, buildPdf } from "../../lib/kb/fixture-documents";
import { hostileFiles } from "../../lib/kb/fixture-hostile-files";
import { KnowledgeApi } from "../pages/knowledge-api";
import { KnowledgePage } from "../pages/knowledge-page";
import { dataDirectoryOf } from "../support/test-ports";

test("several formats in one upload and by drag and drop become ready, with details", async ({ page }) => {
  const knowledge = new KnowledgePage(page);
  await knowledge.open();
  const response = await knowledge.chooseFiles([
    {
      name: "ingest-notes.md",
      mimeType: "text/markdown",
      buffer: Buffer.from("# Ingest notes\n\nThe quay bell is bronze."),
    },
    {
      name: "ingest-atlas.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(buildPdf([["North cape"], ["South cape"]])),
    },
    {
      name: "ingest-memo.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: Buffer.from(buildDocx([{ text: "Memo", heading: 1 }, { text: "The pier opens at dawn." }])),
    },
    {
      name: "ingest-page.html",
      mimeType: "text/html",
      buffer: Buffer.from("<article><h1>Page</h1><p>Gulls nest here.</p></article>"),
    },
  ]);
  expect(response.status()).toBe(201);
  for (const name of ["ingest-notes.md", "ingest-atlas.pdf", "ingest-memo.docx", "ingest-page.html"]) {
    await knowledge.waitUntilReady(name);
  }
  await expect(knowledge.document("ingest-atlas.pdf")).toContainText("PDF · ");
  await expect(knowledge.document("ingest-atlas.pdf")).toContainText("2 pages");

  await knowledge.dropFiles([
    { name: "ingest-dropped.txt", mimeType: "text/plain", content: "Dropped files are read too." },
  ]);
  await knowledge.waitUntilReady("ingest-dropped.txt");
});

test("a long PDF shows its stage and progress, which survive a reload; Cancel stops it and Retry adds it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const knowledge = new KnowledgePage(page);
  await knowledge.open();
  const name = "ingest-manual.pdf";
  const response = await knowledge.chooseFiles([
    { name, mimeType: "application/pdf", buffer: Buffer.from(buildLongPdf(4000)) },
  ]);
  expect(response.status()).toBe(201);
  await expect(knowledge.progressBar(name)).toBeVisible();
  await expect(knowledge.progressBar(name)).toHaveAttribute("aria-valuetext", /page \d+ of 4000/);

  await page.reload();
  await expect(knowledge.progressBar(name)).toBeVisible();
  await expect(knowledge.document(name)).toContainText("processing");

  await knowledge.cancel(name);
  await expect(knowledge.document(name)).toContainText("Cancelled");
  await expect(knowledge.progressBar(name)).toHaveCount(0);

  await knowledge.retry(name);
  await expect(knowledge.progressBar(name)).toBeVisible();
  await knowledge.waitUntilReady(name, 100_000);
  await expect(knowledge.document(name)).toContainText("4,000 pages");
});

test("the same content twice is one document, with a message; Delete removes it, its passages and its original", async ({
  page,
  request,
}) => {
  const knowledge = new KnowledgePage(page);
  const api = new KnowledgeApi(request);
  await knowledge.open();
  await knowledge.upload(
    "ingest-twice.md",
    "text/markdown",
    "# Twice\n\nUploaded twice on purpose by Quernwick.",
  );
  const { documents } = await api.documents();
  const id = documents.find((document) => document.name === "ingest-twice.md")?.id as string;
  const original = path.join(dataDirectoryOf(test.info().project.name), "originals", id);
  expect(existsSync(original)).toBe(true);
  expect((await api.searchThroughChat("What was uploaded by Quernwick?")).passages[0]).toMatchObject({
    documentName: "ingest-twice.md",
  });
  await knowledge.chooseFiles([
    {
      name: "ingest-copy.md",
      mimeType: "text/markdown",
      buffer: Buffer.from("# Twice\n\nUploaded twice on purpose by Quernwick."),
    },
  ]);
  await expect(knowledge.notice).toContainText("“ingest-copy.md” has the same content as “ingest-twice.md”");
  await expect(knowledge.document("ingest-copy.md")).toHaveCount(0);

  await knowledge.remove("ingest-twice.md");
  await page.reload();
  await expect(knowledge.document("ingest-twice.md")).toHaveCount(0);
  expect((await request.get(`/api/documents/${id}`)).status()).toBe(404);
  expect((await request.get(`/api/documents/${id}/passages`)).status()).toBe(404);
  expect(existsSync(original)).toBe(false);
  const after = await api.searchThroughChat("What was uploaded by Quernwick?");
  expect(after.passages.map((passage) => passage.documentName)).not.toContain("ingest-twice.md");
});

test("hostile and bad files are refused in the page with what is wrong, and nothing is added", async ({
  page,
}) => {
  const knowledge = new KnowledgePage(page);
  await knowledge.open();
  const before = await knowledge.documents.getByRole("listitem").count();
  // A file name with a path cannot come from a browser's file picker; the API test below sends it.
  for (const hostile of hostileFiles().filter((file) => !file.name.includes("/"))) {
    const response = await knowledge.chooseFiles([
      { name: hostile.name, mimeType: hostile.mimeType, buffer: Buffer.from(hostile.bytes) },
    ]);
    expect(response.status(), hostile.title).toBe(hostile.status);
    await expect(knowledge.alert).toContainText(hostile.message);
  }
  const bigFile = path.join(mkdtempSync(path.join(tmpdir(), "kb-e2e-")), "ingest-huge.txt");
  writeFileSync(bigFile, Buffer.alloc(50 * 1024 * 1024 + 1, "a"));
  expect((await knowledge.chooseFiles([bigFile])).status()).toBe(413);
  await expect(knowledge.alert).toContainText("MAX_UPLOAD_BYTES");
  await page.reload();
  await expect(knowledge.documents.getByRole("listitem")).toHaveCount(before);
  await knowledge.upload("ingest-after.md", "text/markdown", "# After\n\nThe server still serves.");
});

test("the API refuses every hostile file with its 4xx and the list stays as it was", async ({ request }) => {
  const before = (await (await request.get("/api/documents")).json()).documents.length;
  for (const hostile of hostileFiles()) {
    const response = await request.post("/api/documents", {
      multipart: {
        file: { name: hostile.name, mimeType: hostile.mimeType, buffer: Buffer.from(hostile.bytes) },
      },
    });
    expect(response.status(), hostile.title).toBe(hostile.status);
    expect((await response.json()).error).toContain(hostile.message);
  }
  expect((await (await request.get("/api/documents")).json()).documents).toHaveLength(before);
  expect((await request.get("/api/documents")).status()).toBe(200);
});
