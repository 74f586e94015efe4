import { describe, expect, it } from "vitest";
import { encodePng } from "@/lib/images/png-encoder";
import { attachmentRules } from "./attachment-rules";
import { findAttachmentProblem } from "./find-attachment-problem";

function file(filename: string, bytes: Uint8Array | string, mediaType = "application/octet-stream") {
  return {
    type: "file",
    filename,
    mediaType,
    url: `data:${mediaType};base64,${Buffer.from(bytes).toString("base64")}`,
  };
}

const png = encodePng(1, 1, Uint8Array.of(1, 2, 3));
const notes = file("notes.md", "# Notes\n\nThe launch is on 3 March.", "text/markdown");

describe("findAttachmentProblem", () => {
  it("accepts images and readable documents, and messages without files", () => {
    expect(
      findAttachmentProblem([
        { parts: [{ type: "text" }, file("dot.png", png, "image/png"), notes] },
        { parts: [{ type: "text" }] },
      ]),
    ).toBeUndefined();
  });

  it("refuses links, since the server never downloads them", () => {
    expect(
      findAttachmentProblem([
        { parts: [{ type: "file", filename: "cat.png", url: "http://127.0.0.1:9/cat.png" }] },
      ]),
    ).toContain("“cat.png” must be uploaded to /api/attachments (or sent as a base64 data: URL)");
  });

  it("accepts a stored attachment, by its content address, and only that form of the app's own URL", () => {
    const stored = `/api/attachments/${"ab".repeat(32)}`;
    expect(
      findAttachmentProblem([{ parts: [{ type: "file", filename: "memo.md", url: stored }] }]),
    ).toBeUndefined();
    expect(
      findAttachmentProblem([{ parts: [{ type: "file", filename: "memo.md", url: `${stored}/../x` }] }]),
    ).toContain("must be uploaded");
  });

  it("refuses programs and files whose content contradicts their name, saying what can be attached", () => {
    const program = findAttachmentProblem([
      { parts: [file("setup.exe", Uint8Array.of(0x4d, 0x5a, 0x90, 0, 3))] },
    ]);
    expect(program).toContain("“setup.exe” cannot be attached");
    expect(program).toContain("Windows program");
    expect(program).toContain("images (PNG, JPEG, GIF, WebP)");
    expect(findAttachmentProblem([{ parts: [file("report.pdf", "just text")] }])).toContain("named .pdf");
  });

  it("refuses a file over the size limit and too many files", () => {
    const big = file("big.txt", "x".repeat(attachmentRules.maxFileBytes + 1), "text/plain");
    expect(findAttachmentProblem([{ parts: [big] }])).toContain("an attachment can be at most 5 MB");
    const five = Array.from({ length: 5 }, (_, index) =>
      file(`n${index}.md`, "# N\n\nSome text here.", "text/markdown"),
    );
    expect(findAttachmentProblem([{ parts: five }])).toContain("at most 4 attachments");
    const many = Array.from({ length: 4 }, () => ({ parts: [notes, notes, notes, notes] }));
    expect(findAttachmentProblem(many)).toContain("Start a new chat to attach more");
  });

  it("never uses the file name as a path: names are only shown, cleaned", () => {
    const problem = findAttachmentProblem([
      { parts: [file("../../etc/passwd", Uint8Array.of(0x7f, 0x45, 0x4c, 0x46))] },
    ]);
    expect(problem).toContain("“passwd” cannot be attached");
    expect(problem).not.toContain("../");
  });
});
