import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { detectDocumentType } from "./detect-type";
import { buildDocx, buildPdf, buildZipArchive } from "./test-fixtures";

const encode = (text: string) => new TextEncoder().encode(text);

function refusal(name: string, bytes: Uint8Array): AppError {
  try {
    detectDocumentType(name, bytes);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

describe("detectDocumentType", () => {
  it("recognises a PDF by its header", () => {
    expect(detectDocumentType("report.pdf", buildPdf([["Hello"]])).kind).toBe("pdf");
    expect(detectDocumentType("no-extension", buildPdf([["Hello"]]))).toEqual({
      kind: "pdf",
      mediaType: "application/pdf",
    });
  });

  it("recognises a DOCX as a ZIP holding word/document.xml", async () => {
    const detected = detectDocumentType("memo.docx", await buildDocx([{ text: "Hello" }]));
    expect(detected.kind).toBe("docx");
    expect(detected.mediaType).toContain("wordprocessingml");
  });

  it("recognises HTML from its content, whatever the name", () => {
    const page = "<!DOCTYPE html><html><body><p>Hi</p></body></html>";
    expect(detectDocumentType("page.html", encode(page)).kind).toBe("html");
    expect(detectDocumentType("download", encode(page)).kind).toBe("html");
    expect(detectDocumentType("fragment", encode("<div><h1>T</h1><p>a</p><p>b</p></div>")).kind).toBe("html");
  });

  it("recognises Markdown by its syntax, or by a .md name on valid text", () => {
    const markdown = "# Title\n\nSome **bold** text and a [link](https://example.com).\n";
    expect(detectDocumentType("notes", encode(markdown)).kind).toBe("markdown");
    expect(detectDocumentType("notes.md", encode("just words")).kind).toBe("markdown");
  });

  it("treats other valid UTF-8 text as plain text and keeps the decoded text", () => {
    const detected = detectDocumentType("notes.txt", encode("Grüße\nline two\n"));
    expect(detected).toEqual({ kind: "text", mediaType: "text/plain", text: "Grüße\nline two\n" });
  });

  it("reads UTF-16 text that starts with a byte order mark", () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Array.from("hi there", (c) => [c.charCodeAt(0), 0]).flat()]);
    const detected = detectDocumentType("windows.txt", bytes);
    expect(detected.kind === "text" && detected.text).toBe("hi there");
  });

  it("refuses an empty file with 400", () => {
    const error = refusal("empty.txt", new Uint8Array());
    expect(error.status).toBe(400);
    expect(error.message).toContain("empty");
  });

  it("refuses a Windows program named .pdf, saying what it really is", () => {
    const executable = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04]);
    const error = refusal("invoice.pdf", executable);
    expect(error.status).toBe(415);
    expect(error.message).toContain("Windows program");
    expect(error.message).toContain("not a PDF");
  });

  it("refuses text named .docx and says to rename it", () => {
    const error = refusal("letter.docx", encode("Dear team, this is plain text."));
    expect(error.status).toBe(415);
    expect(error.message).toContain("plain text");
    expect(error.message).toContain(".txt");
  });

  it("refuses binary data named .txt", () => {
    const bytes = new Uint8Array(256).map((_, index) => (index * 37) % 256);
    const error = refusal("data.txt", bytes);
    expect(error.status).toBe(415);
    expect(error.message).toContain("binary data");
  });

  it("refuses a PDF named .txt and a PDF named .docx", () => {
    expect(refusal("notes.txt", buildPdf([["x"]])).message).toContain("a PDF document");
    expect(refusal("memo.docx", buildPdf([["x"]])).message).toContain("rename it to end in .pdf");
  });

  it("names formats it cannot read", async () => {
    const workbook = buildZipArchive([{ name: "xl/workbook.xml", data: encode("<workbook/>") }]);
    expect(refusal("sheet.xlsx", workbook).message).toContain("Excel workbook");
    expect(refusal("photo", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])).message).toContain(
      "PNG image",
    );
  });

  it("reads an HTML page saved as .txt or .md as HTML, so its scripts and navigation are not indexed", () => {
    const page = "<!doctype html><html><head><script>track()</script></head><body><p>Hi</p></body></html>";
    expect(detectDocumentType("saved.txt", encode(page)).kind).toBe("html");
    expect(detectDocumentType("saved.md", encode(page)).kind).toBe("html");
    // Prose that mentions a tag stays what its name says.
    expect(detectDocumentType("notes.txt", encode("Use <p> for paragraphs.")).kind).toBe("text");
  });

  it("says to re-save text in a legacy encoding as UTF-8, instead of calling it binary", () => {
    const latin1 = Uint8Array.from(
      Buffer.from("Caf\u00e9 cr\u00e8me, na\u00efve r\u00e9sum\u00e9.\n", "latin1"),
    );
    const error = refusal("menu.txt", latin1);
    expect(error.status).toBe(415);
    expect(error.message).toContain("legacy encoding");
    expect(error.message).toContain("UTF-8");
  });

  it("reads a log with terminal colour codes as text, without the codes", () => {
    const log = "\u001b[32mINFO\u001b[0m started\n\u001b[31mERROR\u001b[0m failed\n".repeat(20);
    const detected = detectDocumentType("build.log.txt", encode(log));
    expect(detected.kind === "text" && detected.text.startsWith("INFO started\nERROR failed")).toBe(true);
  });

  it("recognises a password-protected .docx (Office's encrypted container) and says how to fix it", () => {
    const container = new Uint8Array(1024);
    container.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    container.set(Buffer.from("EncryptedPackage", "utf16le"), 600);
    const error = refusal("secret.docx", container);
    expect(error.status).toBe(415);
    expect(error.message).toContain("password-protected Office document");
    expect(
      refusal(
        "old.doc",
        container.map((byte, index) => (index >= 600 ? 0 : byte)),
      ).message,
    ).toContain("old Microsoft Office file");
  });

  it("says what to do with a format it cannot read", () => {
    expect(refusal("photo.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])).message).toContain(
      "save it in one of these formats",
    );
  });
});
