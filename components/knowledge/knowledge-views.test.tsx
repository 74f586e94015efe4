import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { KnowledgeDocument, KnowledgeIndexStatus } from "@/lib/kb/document-types";
import { askAboutHref, DocumentReader } from "./document-reader";
import { IndexStatusBanner } from "./index-status-banner";
import { IndexSummary } from "./index-summary";

const index: KnowledgeIndexStatus = {
  indexedModel: "offline:char4grams-2048",
  configuredModel: "offline:char4grams-2048",
  modelChanged: false,
  reindex: null,
  table: { passages: 12, vectorSearch: "exact" },
};

describe("IndexStatusBanner", () => {
  const render = (status: KnowledgeIndexStatus) =>
    renderToStaticMarkup(<IndexStatusBanner index={status} onReindex={() => {}} />);

  it("shows nothing while the index matches the configured model", () => {
    expect(render(index)).toBe("");
  });

  it("offers a re-index when the embedding model changed", () => {
    const html = render({
      ...index,
      configuredModel: "openai.embedding:text-embedding-3-small",
      modelChanged: true,
    });
    expect(html).toContain("“offline:char4grams-2048”");
    expect(html).toContain("“openai.embedding:text-embedding-3-small”");
    expect(html).toContain("Re-index all documents");
  });

  it("shows a running re-index's progress, and a failed one's reason", () => {
    const running = render({
      ...index,
      reindex: { status: "running", targetModel: "m", done: 1, total: 4, error: null },
    });
    expect(running).toContain('aria-valuenow="25"');
    expect(running).toContain("1 of 4 documents");
    const failed = render({
      ...index,
      reindex: { status: "failed", targetModel: "m", done: 0, total: 4, error: "HTTP 401" },
    });
    expect(failed).toContain("HTTP 401");
    expect(failed).toContain("Re-index all documents");
  });
});

describe("IndexSummary", () => {
  it("says how many passages are searched, how, and with which embeddings", () => {
    expect(renderToStaticMarkup(<IndexSummary index={index} />)).toContain(
      "12 passages searchable · exact vector search with BM25 · embeddings “offline:char4grams-2048”",
    );
    const large = { ...index, table: { passages: 25_000, vectorSearch: "approximate" as const } };
    expect(renderToStaticMarkup(<IndexSummary index={large} />)).toContain(
      "25,000 passages searchable · approximate vector search (ANN index)",
    );
    expect(renderToStaticMarkup(<IndexSummary index={{ ...index, table: null }} />)).toBe("");
  });
});

describe("DocumentReader", () => {
  const document: KnowledgeDocument = {
    id: "d1",
    name: "atlas.pdf",
    title: "Atlas",
    mediaType: "application/pdf",
    size: 1000,
    status: "ready",
    stage: null,
    stageDetail: null,
    progress: 1,
    chunks: 2,
    pages: 2,
    error: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };
  const passages = [
    {
      chunkIndex: 0,
      page: 1,
      heading: null,
      text: "North <script>x</script>",
      url: "/knowledge/d1?passage=0#chunk-0",
    },
    {
      chunkIndex: 1,
      page: 2,
      heading: "Coasts",
      text: "Quillmouth lies on the coast.",
      url: "/knowledge/d1?passage=1#chunk-1",
    },
  ];

  it("counts one page and one passage in the singular", () => {
    const html = renderToStaticMarkup(
      <DocumentReader document={{ ...document, pages: 1 }} passages={passages.slice(0, 1)} />,
    );
    expect(html).toContain("1 page · 1 passage");
  });

  it("lists the passages with anchors and marks the cited one", () => {
    const html = renderToStaticMarkup(
      <DocumentReader document={document} passages={passages} citedPassage={1} />,
    );
    expect(html).toContain('id="chunk-0"');
    expect(html).toContain('aria-label="Passage 2 · page 2 · Coasts (cited)"');
    expect(html).toContain('aria-current="location"');
    expect(html.match(/aria-current/g)).toHaveLength(1);
    expect(html).toContain("Cited passage");
    expect(html).toContain("North &lt;script&gt;");
  });

  it("says when the document is not ready", () => {
    const html = renderToStaticMarkup(
      <DocumentReader document={{ ...document, status: "failed", error: "Cancelled." }} passages={[]} />,
    );
    expect(html).toContain("Adding this document failed: Cancelled.");
    expect(html).toContain("retry it on the Knowledge page");
    const processing = renderToStaticMarkup(
      <DocumentReader
        document={{ ...document, status: "processing", stage: "embedding", stageDetail: "passage 64 of 200" }}
        passages={[]}
      />,
    );
    expect(processing).toContain("still being added (embedding: passage 64 of 200)");
    expect(processing).toContain("follow it on the Knowledge page");
    expect(html).not.toContain("Ask about this document");
  });

  it("offers a new chat that names the document, so the search is limited to it", () => {
    const html = renderToStaticMarkup(<DocumentReader document={document} passages={passages} />);
    expect(html).toContain("Ask about this document");
    expect(askAboutHref("my notes & plans.md")).toBe(
      `/?draft=${encodeURIComponent("In “my notes & plans.md”, ").replaceAll("%20", "+")}`,
    );
    expect(html).toContain(`href="${askAboutHref("atlas.pdf").replaceAll("&", "&amp;")}"`);
  });
});
