import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { detectDocumentType } from "./detect-type";
import { extractDocument } from "./extract";
import { buildDocx, buildPdf, buildZipArchive, sampleHtml } from "./test-fixtures";

async function extract(name: string, bytes: Uint8Array) {
  return extractDocument(name, detectDocumentType(name, bytes), bytes);
}

async function extractionError(name: string, bytes: Uint8Array): Promise<AppError> {
  const error = await extract(name, bytes).then(
    () => new Error(`${name} was extracted`),
    (thrown: unknown) => thrown,
  );
  if (error instanceof AppError) return error;
  throw error;
}

const encode = (text: string) => new TextEncoder().encode(text);

describe("extractDocument", () => {
  it("reads a PDF page by page, keeping page numbers and the title", async () => {
    const pdf = buildPdf(
      [
        ["Orbital mechanics", "Kepler described ellipses."],
        ["The second page mentions (parentheses) and quasars."],
      ],
      { title: "Astronomy Notes" },
    );
    const extracted = await extract("astro.pdf", pdf);
    expect(extracted.title).toBe("Astronomy Notes");
    expect(extracted.pages).toBe(2);
    expect(extracted.sections).toEqual([
      { page: 1, text: "Orbital mechanics\nKepler described ellipses." },
      { page: 2, text: "The second page mentions (parentheses) and quasars." },
    ]);
  });

  it("refuses a PDF without a text layer, explaining that OCR is not supported", async () => {
    const error = await extractionError("scan.pdf", buildPdf([[]]));
    expect(error.status).toBe(415);
    expect(error.message).toContain("no text layer");
    expect(error.message).toContain("OCR");
  });

  it("refuses password-protected, damaged and truncated PDFs with what to do", async () => {
    const encrypted = await extractionError("locked.pdf", buildPdf([["secret"]], { encrypted: true }));
    expect(encrypted.status).toBe(415);
    expect(encrypted.message).toContain("password-protected");
    const damaged = await extractionError(
      "broken.pdf",
      encode("%PDF-1.7\nthis is not really a pdf\n%%EOF\n"),
    );
    expect(damaged.status).toBe(400);
    expect(damaged.message).toContain("damaged");
    const whole = buildPdf([["First page"], ["Second page"]]);
    const truncated = await extractionError("cut.pdf", whole.subarray(0, whole.byteLength - 40));
    expect(truncated.status).toBe(400);
    expect(truncated.message).toContain("incomplete");
  });

  it("reads a DOCX as Markdown with its headings", async () => {
    const docx = await buildDocx([
      { text: "Lighthouse Budget", heading: 1 },
      { text: "Maintenance", heading: 2 },
      { text: "The lamp costs 42 crowns a year." },
    ]);
    const extracted = await extract("budget.docx", docx);
    expect(extracted.format).toBe("markdown");
    expect(extracted.title).toBe("Lighthouse Budget");
    expect(extracted.sections).toEqual([
      { page: null, text: "# Lighthouse Budget\n\n## Maintenance\n\nThe lamp costs 42 crowns a year." },
    ]);
  });

  it("refuses a damaged DOCX", async () => {
    const damaged = buildZipArchive([{ name: "word/document.xml", data: encode("<w:document><unfinished") }]);
    const error = await extractionError("memo.docx", damaged);
    expect(error.status).toBe(400);
    expect(error.message).toContain("could not be read as a Word document");
  });

  it("reads the main content of an HTML page as Markdown, without scripts, styles or navigation", async () => {
    const html = `<!doctype html><html><head><title>Treaty page</title><style>p { color: red }</style>
      <script>window.secret = "tracking-code";</script></head><body>
      <nav><a href="/">Home</a> | <a href="/about">About us</a></nav>
      <article><h1>The Treaty of Westphalia</h1>
      <p>The Peace of Westphalia was signed in 1648 and ended the Thirty Years' War in the Holy Roman Empire.</p>
      <h2>Consequences</h2>
      <p>It established the principle of state sovereignty that shaped European diplomacy for centuries afterwards.</p>
      </article><footer>Copyright footer text</footer></body></html>`;
    const extracted = await extract("treaty.html", encode(html));
    const text = extracted.sections.map((section) => section.text).join("\n");
    expect(extracted.format).toBe("markdown");
    expect(extracted.title).toBe("Treaty page");
    expect(text).toContain("signed in 1648");
    expect(text).toMatch(/^#+ Consequences$/m);
    expect(text).not.toContain("tracking-code");
    expect(text).not.toContain("color: red");
    expect(text).not.toContain("About us");
  });

  it("reads an HTML fragment and refuses markup it cannot read with a 4xx", async () => {
    const fragment = await extract("snippet.html", encode("<p>The ferry leaves at <b>7:15</b>.</p>"));
    expect(fragment.sections).toEqual([{ page: null, text: "The ferry leaves at **7:15**." }]);
    const error = await extractionError(
      "frames.html",
      encode("<html><frameset><frame src=a></frameset></html>"),
    );
    expect(error.status).toBeGreaterThanOrEqual(400);
    expect(error.status).toBeLessThan(500);
  });

  it("reads HTML pages and Word documents to the same Markdown as before conversion moved to a worker", async () => {
    expect(await extract("history.html", encode(sampleHtml))).toEqual({
      title: "History notes",
      format: "markdown",
      pages: null,
      sections: [
        {
          page: null,
          text: "## Treaty of Westphalia\n\nThe Peace of Westphalia was signed in 1648 and ended the Thirty Years' War across central Europe.\n\nHistorians often describe it as the origin of the modern idea of state sovereignty in diplomacy.",
        },
      ],
    });
    const short = await extract(
      "short.html",
      encode(
        "<html><head><title> T </title></head><body><h2>A</h2><ul><li>one</li><li>two <i>x</i></li></ul><pre><code>let a = 1;</code></pre><img alt='Map of bay' src='x.png'><p>Short.</p></body></html>",
      ),
    );
    expect(short.title).toBe("T");
    expect(short.sections).toEqual([
      { page: null, text: "## A\n\n-   one\n-   two *x*\n\n```\nlet a = 1;\n```\n\n Map of bay\n\nShort." },
    ]);
    const untitled = await extract(
      "page.html",
      encode("<article><h1>Page</h1><p>Gulls nest here.</p></article>"),
    );
    expect(untitled).toMatchObject({
      title: "Page",
      sections: [{ page: null, text: "## Page\n\nGulls nest here." }],
    });
    const docx = await extract(
      "lamp.docx",
      await buildDocx([{ text: "The lamp costs 42 crowns & <more>." }]),
    );
    expect(docx).toMatchObject({ title: "lamp", sections: [{ text: "The lamp costs 42 crowns & <more>." }] });
  });

  it("finds its workers when the server runs from another folder", async () => {
    const projectFolder = process.cwd();
    process.chdir(tmpdir());
    try {
      const pdf = await extract("atlas.pdf", buildPdf([["North cape"]]));
      const docx = await extract("memo.docx", await buildDocx([{ text: "The pier opens at dawn." }]));
      const html = await extract("page.html", encode("<p>Gulls nest here.</p>"));
      expect([pdf, docx, html].map((document) => document.sections[0].text)).toEqual([
        "North cape",
        "The pier opens at dawn.",
        "Gulls nest here.",
      ]);
    } finally {
      process.chdir(projectFolder);
    }
  });

  it("keeps Markdown and plain text as they are", async () => {
    const markdown = await extract("guide.md", encode("# Setup Guide\r\n\r\nRun the installer.\r\n"));
    expect(markdown).toEqual({
      title: "Setup Guide",
      format: "markdown",
      pages: null,
      sections: [{ page: null, text: "# Setup Guide\n\nRun the installer." }],
    });
    const text = await extract("notes.txt", encode("Plain notes.\n"));
    expect(text).toMatchObject({
      title: "notes",
      format: "text",
      sections: [{ page: null, text: "Plain notes." }],
    });
  });

  it("reads a text with a long run of spaces inside a line (no quadratic clean-up)", async () => {
    const spaced = await extract("spaced.txt", encode(`Tide${" ".repeat(300_000)}table   \nnext`));
    expect(spaced.sections).toEqual([{ page: null, text: `Tide${" ".repeat(300_000)}table\nnext` }]);
  });

  it("refuses a document that holds only whitespace", async () => {
    const error = await extractionError("blank.txt", encode("   \n\n  "));
    expect(error.status).toBe(400);
    expect(error.message).toContain("no text");
  });
});
