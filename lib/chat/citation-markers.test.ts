import { describe, expect, it } from "vitest";
import { findCitationMarkers, highestCitationNumber, shiftCitationNumbers } from "./citation-markers";

describe("citation markers", () => {
  it("finds [n], [n][m] and [n, m] with where they are", () => {
    expect(findCitationMarkers("a [1] b [2][3] c [4, 5]")).toEqual([
      { start: 2, end: 5, numbers: [1] },
      { start: 8, end: 11, numbers: [2] },
      { start: 11, end: 14, numbers: [3] },
      { start: 17, end: 23, numbers: [4, 5] },
    ]);
    expect(findCitationMarkers("[a] [] [1-2] [^1]")).toEqual([]);
  });

  it("shifts every number outside code by the offset", () => {
    const answer = "Bells ring [1][2], lights flash [1, 3].\n\n**Sources**\n\n[1] bells.md\n\n[3] lights.md";
    expect(shiftCitationNumbers(answer, 4)).toBe(
      "Bells ring [5][6], lights flash [5, 7].\n\n**Sources**\n\n[5] bells.md\n\n[7] lights.md",
    );
    expect(shiftCitationNumbers(answer, 0)).toBe(answer);
  });

  it("leaves inline code and fenced code as they are, and counts only prose", () => {
    const answer = [
      "Use `list[1]` or ``a[2]`` to read it [1].",
      "```js",
      "const x = rows[3];",
      "```",
      "~~~~",
      "[9] stays",
      "~~~",
      "still code [8]",
      "~~~~",
      "After the block [2].",
    ].join("\n");
    const shifted = shiftCitationNumbers(answer, 10);
    expect(shifted).toContain("Use `list[1]` or ``a[2]`` to read it [11].");
    expect(shifted).toContain("const x = rows[3];");
    expect(shifted).toContain("[9] stays\n~~~\nstill code [8]");
    expect(shifted).toContain("After the block [12].");
    expect(highestCitationNumber(answer)).toBe(2);
  });

  it("treats an unclosed fence as code to the end, and an unmatched backtick as prose", () => {
    expect(shiftCitationNumbers("A ` tick [1]\n```\ncode [2]", 1)).toBe("A ` tick [2]\n```\ncode [2]");
    expect(highestCitationNumber("nothing cited")).toBe(0);
  });
});
