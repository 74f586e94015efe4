import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertSafeFileName, sanitizeFileName } from "./file-name";

function refusal(name: string): AppError {
  try {
    assertSafeFileName(name);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

describe("assertSafeFileName", () => {
  it("refuses names that try to be paths, with 400 and what to do", () => {
    for (const name of [
      "../../etc/passwd",
      "..\\..\\windows\\system.ini",
      "notes/../../x.md",
      "..",
      "/abs.md",
    ]) {
      const error = refusal(name);
      expect(error.status).toBe(400);
      expect(error.message).toContain("folder path");
      expect(error.message).toContain("plain name");
    }
    expect(refusal("re\u0000port.md").message).toContain("control characters");
  });

  it("shows the refused name as it was typed: backslashes not doubled, every control character as ?", () => {
    expect(refusal("..\\evil.md").message).toContain("The file name “..\\evil.md” contains");
    expect(refusal("a\u0001b\u0002.md").message).toContain("“a?b?.md”");
  });

  it("accepts ordinary names, dots and all", () => {
    for (const name of ["report.pdf", "..hidden notes.md", "v1.2 release notes.txt", "Grüße.docx"]) {
      expect(() => assertSafeFileName(name)).not.toThrow();
    }
  });
});

describe("sanitizeFileName", () => {
  it("collapses whitespace and drops leading dots for display", () => {
    expect(sanitizeFileName("  my   report.md ")).toBe("my report.md");
    expect(sanitizeFileName("..hidden.md")).toBe("hidden.md");
    expect(sanitizeFileName("...")).toBe("untitled");
  });

  it("bounds long names but keeps the extension", () => {
    const long = sanitizeFileName(`${"a".repeat(500)}.pdf`);
    expect(long.length).toBeLessThanOrEqual(180);
    expect(long.endsWith(".pdf")).toBe(true);
  });
});
