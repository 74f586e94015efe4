import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { detectDocumentType } from "./detect-type";
import { convertInWorker } from "./document-conversion";
import { extractDocument } from "./extract";
import { buildDocx, useKnowledgeBaseDirectory } from "./test-fixtures";

const encode = (text: string) => new TextEncoder().encode(text);

/** A Word document of `count` paragraphs under a heading every fifty (about 150 bytes of XML each). */
function largeDocx(count: number): Uint8Array {
  return buildDocx(
    Array.from({ length: count }, (_, index) =>
      index % 50 === 0
        ? { text: `Section ${index}`, heading: 1 as const }
        : {
            text: `Paragraph ${index}: the harbour master records tides, ferries and lamps for the keepers.`,
          },
    ),
  );
}

function largeHtml(count: number): string {
  const paragraph = "<p>The harbour master records <b>tides</b>, ferries and <a href='/l'>lamps</a>.</p>";
  return `<html><head><title>Harbour</title></head><body><article>${`<h2>Tides</h2>${paragraph.repeat(49)}`.repeat(count / 50)}</article></body></html>`;
}

/** Counts the turns of this thread's event loop while `work` runs (a timer that re-arms itself). */
async function ticksDuring(work: Promise<unknown>): Promise<number> {
  let ticks = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    ticks++;
    setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  try {
    await work;
  } finally {
    running = false;
  }
  return ticks;
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => new Error("the document was converted"),
    (thrown: unknown) => thrown,
  );
  if (error instanceof AppError) return error;
  throw error;
}

const extract = (name: string, bytes: Uint8Array) =>
  extractDocument(name, detectDocumentType(name, bytes), bytes);

describe("converting Word documents and HTML pages in a worker thread", () => {
  useKnowledgeBaseDirectory();

  // On the main thread, mammoth and Turndown hold the event loop for the whole conversion: it
  // turned 16 times for such a document, and not once for the HTML page.
  it("keeps this thread's event loop turning while a large DOCX converts", async () => {
    const docx = largeDocx(60_000);
    let text = "";
    const ticks = await ticksDuring(
      extract("harbour.docx", docx).then((extracted) => {
        text = extracted.sections[0].text;
      }),
    );
    expect(text).toContain("# Section 59950");
    expect(text).toContain("Paragraph 59999: the harbour master");
    expect(ticks).toBeGreaterThan(100);
  });

  it("keeps this thread's event loop turning while a large HTML page converts", async () => {
    let text = "";
    const ticks = await ticksDuring(
      extract("harbour.html", encode(largeHtml(25_000))).then((extracted) => {
        text = extracted.sections[0].text;
      }),
    );
    expect(text).toContain("## Tides\n\nThe harbour master records **tides**, ferries and [lamps](/l).");
    expect(ticks).toBeGreaterThan(100);
  });

  it("refuses a document that needs more memory than a conversion may use, saying what to do", async () => {
    const error = await refusal(
      convertInWorker("huge.docx", { kind: "docx", archive: largeDocx(20_000) }, { memoryLimitMb: 40 }),
    );
    expect(error.status).toBe(413);
    expect(error.message).toContain(
      "“huge.docx” is too large or complex to convert within the 40 MB of memory",
    );
    expect(error.message).toContain("Split it into smaller documents");
  });

  it("stops a conversion when its signal is aborted", async () => {
    const controller = new AbortController();
    const conversion = convertInWorker(
      "harbour.html",
      { kind: "html", html: largeHtml(20_000) },
      {
        signal: controller.signal,
      },
    );
    // Aborted once the worker is under way (the conversion takes seconds).
    setTimeout(() => controller.abort(new Error("no longer wanted")), 200);
    await expect(conversion).rejects.toThrow("no longer wanted");
  });
});

describe("conversion limits from the environment", () => {
  useKnowledgeBaseDirectory({ EXTRACT_TIMEOUT_MS: "100", MAX_UPLOAD_BYTES: "100000" });

  it("refuses a document that takes longer than EXTRACT_TIMEOUT_MS, naming it and what to do", async () => {
    const error = await refusal(extract("slow.docx", largeDocx(40_000)));
    expect(error.status).toBe(413);
    expect(error.message).toBe(
      "“slow.docx” is too large or complex to convert within 100 ms (EXTRACT_TIMEOUT_MS), so it was refused. Split it into smaller documents, or raise EXTRACT_TIMEOUT_MS.",
    );
  });
});

// Apart from the 100 ms deadline above, which a busy machine can miss before the text is counted.
describe("the text limit from the environment", () => {
  useKnowledgeBaseDirectory({ MAX_UPLOAD_BYTES: "100000" });

  it("refuses a document whose text is longer than MAX_UPLOAD_BYTES characters", async () => {
    const docx = buildDocx([{ text: "0123456789".repeat(16_500) }]);
    const error = await refusal(convertInWorker("tides.docx", { kind: "docx", archive: docx }));
    expect(error.status).toBe(413);
    expect(error.message).toContain("“tides.docx” holds 165,000 characters of text, more than the 100,000");
    expect(error.message).toContain("MAX_UPLOAD_BYTES");
  });
});
