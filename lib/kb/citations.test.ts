import { describe, expect, it } from "vitest";
import { type CitablePassage, resolveCitations } from "./citations";

const handbook = (chunkIndex: number, text: string, page: number | null = null): CitablePassage => ({
  documentId: "doc-1",
  documentName: "handbook.md",
  chunkIndex,
  page,
  text,
});
const report: CitablePassage = {
  documentId: "doc-2",
  documentName: "report.pdf",
  chunkIndex: 4,
  page: 7,
  text: "Revenue grew 12% in 2025.",
};

describe("resolveCitations", () => {
  it("ties each numbered reference to the passage whose words its cited sentences share", () => {
    const passages = [
      handbook(0, "The widget is painted teal."),
      handbook(3, "The widget weighs 4.2 kilograms and was designed in Quillmouth."),
      report,
    ];
    const answer = [
      "From your documents:",
      "> The widget weighs 4.2 kilograms. [1]",
      "> Revenue grew 12% in 2025. [2]",
      "**Sources**",
      "[1] handbook.md",
      "[2] report.pdf, page 7",
    ].join("\n\n");
    expect(resolveCitations(answer, passages)).toEqual([
      { number: 1, passage: passages[1] },
      { number: 2, passage: report },
    ]);
  });

  it("reads a sentence cited as [1, 2] as evidence for both references", () => {
    const passages = [
      handbook(0, "The widget is painted teal."),
      handbook(3, "The widget weighs 4.2 kilograms and was designed in Quillmouth."),
      report,
    ];
    const answer = [
      "The widget weighs 4.2 kilograms and revenue grew 12% in 2025 [1, 2].",
      "[1] handbook.md",
      "[2] report.pdf, page 7",
    ].join("\n");
    expect(resolveCitations(answer, passages)).toEqual([
      { number: 1, passage: passages[1] },
      { number: 2, passage: report },
    ]);
  });

  it("uses the page a reference names, and the same reference cited twice resolves once", () => {
    const passages = [handbook(0, "Intro.", 1), handbook(5, "Weights are listed here.", 2)];
    const answer = "Widgets weigh 4.2 kg [1]. They are heavy [1]. Sources: [1] handbook.md, page 2";
    expect(resolveCitations(answer, passages)).toEqual([{ number: 1, passage: passages[1] }]);
  });

  it("prefers the longest document name a reference contains", () => {
    const notes: CitablePassage = { documentId: "doc-3", documentName: "notes.md", chunkIndex: 0, text: "a" };
    const moreNotes: CitablePassage = {
      documentId: "doc-4",
      documentName: "more-notes.md",
      chunkIndex: 0,
      text: "b",
    };
    expect(resolveCitations("x [1]\n\n[1] more-notes.md", [notes, moreNotes])).toEqual([
      { number: 1, passage: moreNotes },
    ]);
  });

  it("falls back to the passages in search order when the answer has no source list", () => {
    const passages = [handbook(1, "a"), handbook(1, "a"), report];
    expect(resolveCitations("The widget is teal.", passages)).toEqual([
      { number: 1, passage: passages[0] },
      { number: 2, passage: report },
    ]);
    expect(resolveCitations("anything", [])).toEqual([]);
  });
});
