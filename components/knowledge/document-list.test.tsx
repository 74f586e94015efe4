import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { KnowledgeDocument } from "@/lib/kb/document-types";
import { DocumentList } from "./document-list";

const base: KnowledgeDocument = {
  id: "1",
  name: "report.pdf",
  title: "Annual report",
  mediaType: "application/pdf",
  size: 2048,
  status: "ready",
  stage: null,
  stageDetail: null,
  progress: 1,
  chunks: 12,
  pages: 3,
  error: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

function render(documents: KnowledgeDocument[], pending = new Map()): string {
  return renderToStaticMarkup(<DocumentList documents={documents} pending={pending} onAction={() => {}} />);
}

describe("DocumentList", () => {
  it("shows a ready document with its status, details, a link to read it and a named Delete button", () => {
    const html = render([base]);
    expect(html).toContain('aria-label="Documents"');
    expect(html).toContain('href="/knowledge/1"');
    expect(html).toContain(">ready<");
    expect(html).toContain("PDF · 2.0 KB · 3 pages · 12 passages");
    expect(html).toContain('aria-label="Delete report.pdf"');
    expect(html).not.toContain("progressbar");
    expect(html).not.toContain("Cancel");
  });

  it("shows a processing document's stage and progress, with Cancel", () => {
    const html = render([
      { ...base, status: "processing", stage: "extracting", stageDetail: "page 12 of 200", progress: 0.42 },
    ]);
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="42"');
    expect(html).toContain("Extracting text (page 12 of 200): 42%");
    expect(html).toContain('aria-label="Cancel report.pdf"');
    expect(html).toContain(">processing<");
    expect(html).not.toContain('href="/knowledge/1"');
  });

  it("shows a failed document's error, escaped, with Retry", () => {
    const html = render([{ ...base, status: "failed", error: "Embedding failed: <b>HTTP 401</b>" }]);
    expect(html).toContain(">failed<");
    expect(html).toContain("Embedding failed: &lt;b&gt;HTTP 401&lt;/b&gt;");
    expect(html).toContain('aria-label="Retry report.pdf"');
  });

  it("disables a document's buttons while an action on it runs", () => {
    const html = render([base], new Map([["1", "deleting"]]));
    expect(html).toContain("Deleting…");
    expect(html).toContain("disabled");
  });

  it("says when there are no documents", () => {
    expect(render([])).toContain("No documents yet");
  });
});
