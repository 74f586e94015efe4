import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { KnowledgeDocument } from "@/lib/kb/document-types";
import { DocumentList } from "./document-list";

const base: KnowledgeDocument = {
  id: "1",
  name: "report.pdf",
  mediaType: "application/pdf",
  size: 2048,
  status: "ready",
  stage: null,
  progress: 1,
  chunks: 12,
  pages: 3,
  error: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

function render(documents: KnowledgeDocument[]): string {
  return renderToStaticMarkup(
    <DocumentList documents={documents} deleting={new Set()} onDelete={() => {}} />,
  );
}

describe("DocumentList", () => {
  it("shows each document with its status, details and a named Delete button", () => {
    const html = render([base]);
    expect(html).toContain('aria-label="Documents"');
    expect(html).toContain("report.pdf");
    expect(html).toContain(">ready<");
    expect(html).toContain("PDF · 2.0 KB · 3 pages · 12 chunks");
    expect(html).toContain('aria-label="Delete report.pdf"');
    expect(html).not.toContain("progressbar");
  });

  it("shows a progress bar with its value while processing", () => {
    const html = render([{ ...base, status: "processing", stage: "embedding", progress: 0.42 }]);
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="42"');
    expect(html).toContain(">processing<");
  });

  it("shows the error of a failed document, and escapes it", () => {
    const html = render([{ ...base, status: "failed", error: "Embedding failed: <b>HTTP 401</b>" }]);
    expect(html).toContain(">failed<");
    expect(html).toContain("Embedding failed: &lt;b&gt;HTTP 401&lt;/b&gt;");
  });

  it("says when there are no documents", () => {
    expect(render([])).toContain("No documents yet");
  });
});
