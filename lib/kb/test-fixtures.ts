import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterEach, beforeEach } from "vitest";
import { closeDatabaseForTests } from "@/lib/db/database";
import { resetEnvironmentForTests } from "@/lib/env";
import { listDocuments } from "./documents";
import { waitForIngestion } from "./ingestion-jobs";
import { closeKnowledgeStoreForTests } from "./store";

/**
 * Gives each test a fresh DATA_DIR (metadata database, LanceDB, originals) and offline embeddings.
 * Waits for background ingestion before tearing down, so no job outlives its test.
 */
export function useKnowledgeBaseDirectory(): { directory: () => string } {
  let directory = "";
  const savedKey = process.env.OPENAI_API_KEY;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), "kb-test-"));
    process.env.DATA_DIR = directory;
    delete process.env.OPENAI_API_KEY;
    resetEnvironmentForTests();
    closeDatabaseForTests();
  });
  afterEach(async () => {
    for (const document of await listDocuments()) await waitForIngestion(document.id);
    await closeKnowledgeStoreForTests();
    closeDatabaseForTests();
    if (savedKey !== undefined) process.env.OPENAI_API_KEY = savedKey;
    resetEnvironmentForTests();
    rmSync(directory, { recursive: true, force: true });
  });
  return { directory: () => directory };
}

/** A File as the route receives it from a multipart upload. */
export function makeFile(name: string, content: string | Uint8Array, type = ""): File {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return new File([bytes as Uint8Array<ArrayBuffer>], name, { type });
}

function escapePdfText(text: string): string {
  return text.replace(/[\\()]/g, (character) => `\\${character}`);
}

/**
 * A minimal valid PDF written by hand: one page per entry, each line drawn in Helvetica, with a
 * correct cross-reference table. An empty page has a path but no text (like a scan).
 */
export function buildPdf(
  pages: string[][],
  options: { encrypted?: boolean; title?: string } = {},
): Uint8Array {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pages.map((_, index) => `${4 + index * 2} 0 R`).join(" ")}] /Count ${pages.length} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  for (const [index, lines] of pages.entries()) {
    const text = lines.map((line) => `(${escapePdfText(line)}) Tj T*`).join(" ");
    const stream = lines.length > 0 ? `BT /F1 12 Tf 14 TL 72 720 Td ${text} ET` : "72 72 m 300 300 l S";
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + index * 2} 0 R >>`,
      `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    );
  }
  let trailerExtra = "";
  if (options.title) {
    objects.push(`<< /Title (${escapePdfText(options.title)}) >>`);
    trailerExtra += ` /Info ${objects.length} 0 R`;
  }
  if (options.encrypted) {
    // A standard security handler whose user password is not empty: readers must ask for it.
    objects.push(`<< /Filter /Standard /V 1 /R 2 /O <${"11".repeat(32)}> /U <${"22".repeat(32)}> /P -4 >>`);
    trailerExtra += ` /Encrypt ${objects.length} 0 R /ID [<${"ab".repeat(16)}> <${"ab".repeat(16)}>]`;
  }
  let output = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(output.length);
    output += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = output.length;
  output += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) output += `${String(offset).padStart(10, "0")} 00000 n \n`;
  output += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${trailerExtra} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return new TextEncoder().encode(output);
}

/** A paragraph of a generated Word document; `heading` makes it a Heading 1 or 2. */
export interface DocxParagraph {
  text: string;
  heading?: 1 | 2;
}

/** A minimal valid DOCX (the ZIP parts Word and mammoth need), zipped with JSZip. */
export async function buildDocx(paragraphs: DocxParagraph[]): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  const body = paragraphs
    .map(({ text, heading }) => {
      const style = heading ? `<w:pPr><w:pStyle w:val="Heading${heading}"/></w:pPr>` : "";
      return `<w:p>${style}<w:r><w:t xml:space="preserve">${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</w:t></w:r></w:p>`;
    })
    .join("");
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: "uint8array" });
}

/** A ZIP that is not a Word document, for detection tests. */
export async function buildZip(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: "uint8array" });
}
