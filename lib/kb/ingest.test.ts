import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deleteDocument, getDocument, listDocuments } from "./documents";
import { ingestUpload } from "./ingest";
import { waitForIngestion } from "./ingestion-jobs";
import { searchKnowledgeBase } from "./search";
import { countChunks, readDocumentChunks } from "./store";
import {
  buildDocx,
  buildPdf,
  sampleMarkdown as lighthouse,
  makeFile,
  sampleHtml as treaty,
  useKnowledgeBaseDirectory,
} from "./test-fixtures";

async function ingestAndWait(files: File[]) {
  const result = await ingestUpload(files);
  const finished = await Promise.all(result.documents.map((document) => waitForIngestion(document.id)));
  return { ...result, finished };
}

async function search(query: string, options: { k?: number; documentIds?: string[] } = {}) {
  return (await searchKnowledgeBase({ query, ...options })).passages;
}

describe("ingestUpload and searchKnowledgeBase", () => {
  const data = useKnowledgeBaseDirectory();

  it("returns no passages before anything was ingested", async () => {
    expect(await search("anything at all")).toEqual([]);
  });

  it("ingests PDF, DOCX, HTML, Markdown and text in one upload, then finds the passage that states a fact", async () => {
    const pdf = buildPdf([
      ["Chapter one is about sailing ships."],
      ["The observatory telescope has a mirror of 2.4 metres diameter."],
    ]);
    const docx = buildDocx([
      { text: "Bakery Recipes", heading: 1 },
      { text: "Sourdough needs a starter fed with rye flour twice a day." },
    ]);
    const { documents, finished } = await ingestAndWait([
      makeFile("lighthouse.md", lighthouse),
      makeFile("observatory.pdf", pdf),
      makeFile("recipes.docx", docx),
      makeFile("history.html", treaty),
      makeFile("glossary.txt", "A zorblatt is the brass fitting that holds the lamp wick in old lanterns."),
    ]);
    expect(documents.map((document) => document.status)).toEqual(Array(5).fill("processing"));
    for (const document of finished) {
      expect(document).toMatchObject({ status: "ready", progress: 1, stage: null, error: null });
      expect(document?.chunks).toBeGreaterThan(0);
      expect(await countChunks(document?.id)).toBe(document?.chunks);
    }
    expect(finished[1]).toMatchObject({ pages: 2, mediaType: "application/pdf" });
    expect(finished[2]).toMatchObject({ title: "Bakery Recipes" });

    const [budget] = await search("How much is the lighthouse budget?");
    expect(budget).toMatchObject({ documentName: "lighthouse.md", heading: "Budget", page: null });
    expect(budget.text).toContain("42 gold crowns");
    expect((await search("telescope mirror diameter"))[0]).toMatchObject({
      documentName: "observatory.pdf",
      page: 2,
    });
    expect((await search("what flour feeds the sourdough starter"))[0]).toMatchObject({
      documentName: "recipes.docx",
      heading: "Bakery Recipes",
    });
    expect((await search("When was the peace of Westphalia signed?", { k: 2 }))[0].documentName).toBe(
      "history.html",
    );
    const html = await readDocumentChunks(documents[3].id);
    expect(html.map((chunk) => chunk.text).join(" ")).not.toMatch(/pixel|About us/);
  });

  it("ranks the only document that contains the question's words first, limits to k, and filters by document", async () => {
    const { documents } = await ingestAndWait([
      makeFile("lighthouse.md", lighthouse),
      makeFile("history.html", treaty),
      makeFile("glossary.txt", "A zorblatt is the brass fitting that holds the lamp wick in old lanterns."),
    ]);
    const passages = await search("zorblatt", { k: 2 });
    expect(passages).toHaveLength(2);
    expect(passages[0].documentName).toBe("glossary.txt");
    expect(passages[0].score).toBeGreaterThan(passages[1].score);
    const restricted = await search("zorblatt", { documentIds: [documents[0].id] });
    expect(restricted.length).toBeGreaterThan(0);
    expect(restricted.every((passage) => passage.documentId === documents[0].id)).toBe(true);
    expect(await search("zorblatt", { documentIds: [] })).toEqual([]);
  });

  it("returns the existing document for identical content, with a message saying so", async () => {
    const first = await ingestAndWait([makeFile("lighthouse.md", lighthouse)]);
    const second = await ingestUpload([makeFile("copy of lighthouse.md", lighthouse)]);
    expect(second.documents[0].id).toBe(first.documents[0].id);
    expect(second.messages).toEqual([
      "“copy of lighthouse.md” has the same content as “lighthouse.md”, which is already in the knowledge base; it was not added again.",
    ]);
    const twice = await ingestUpload([makeFile("a.txt", "Same words."), makeFile("b.txt", "Same words.")]);
    expect(twice.documents[1].id).toBe(twice.documents[0].id);
    expect(twice.messages).toHaveLength(1);
    await waitForIngestion(twice.documents[0].id);
    expect(await listDocuments()).toHaveLength(2);
  });

  it("deletes a document with its chunks and its original", async () => {
    const { documents } = await ingestAndWait([
      makeFile("lighthouse.md", lighthouse),
      makeFile("history.html", treaty),
    ]);
    const [kept, removed] = documents;
    const original = path.join(data.directory(), "originals", removed.id);
    expect(existsSync(original)).toBe(true);
    await deleteDocument(removed.id);
    expect(await countChunks(removed.id)).toBe(0);
    expect(await countChunks(kept.id)).toBeGreaterThan(0);
    expect(existsSync(original)).toBe(false);
    await expect(getDocument(removed.id)).rejects.toMatchObject({ status: 404 });
    expect((await search("Westphalia 1648")).every((passage) => passage.documentId === kept.id)).toBe(true);
  });

  it("keeps a long PDF's page numbers on its passages", async () => {
    const pages = Array.from({ length: 30 }, (_, page) =>
      Array.from(
        { length: 30 },
        (_, line) => `Page ${page + 1} line ${line + 1} describes harbour item ${page}-${line}.`,
      ),
    );
    pages[22][5] = "The secret harbour password is marmalade-seventeen.";
    const { finished } = await ingestAndWait([makeFile("long.pdf", buildPdf(pages))]);
    expect(finished[0]).toMatchObject({ status: "ready", pages: 30 });
    const [found] = await search("secret harbour password");
    expect(found).toMatchObject({ documentName: "long.pdf", page: 23 });
    expect(found.text).toContain("marmalade-seventeen");
  });
});
