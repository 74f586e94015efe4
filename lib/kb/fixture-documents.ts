// Documents built in code for tests, benchmarks, the retrieval evaluation and end-to-end specs:
// small valid PDFs and DOCX files, and every hostile file the upload must refuse. No server-only or
// "@/" imports, so Playwright specs can import it by relative path.
import { crc32, deflateRawSync } from "node:zlib";

/** A Markdown document with headings and one fact (the budget) for search tests. */
export const sampleMarkdown = `# Lighthouse Keeping

The keeper climbs the tower every evening to light the lamp.

${Array.from({ length: 20 }, (_, index) => `Evening routine step ${index + 1}: trim the wick and polish the lens.`).join(" ")}

## Budget

The annual lighthouse budget is 42 gold crowns, paid by the harbour council each spring.`;

/** An HTML page with navigation and a script around its article, for extraction and search tests. */
export const sampleHtml = `<!doctype html><html><head><title>History notes</title><script>var tracking = "pixel";</script></head><body>
<nav><a href="/">Home</a> <a href="/about">About us</a></nav><article>
<h1>Treaty of Westphalia</h1>
<p>The Peace of Westphalia was signed in 1648 and ended the Thirty Years' War across central Europe.</p>
<p>Historians often describe it as the origin of the modern idea of state sovereignty in diplomacy.</p>
</article></body></html>`;

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
    const stream = lines.length > 0 ? `BT /F1 10 Tf 12 TL 56 760 Td ${text} ET` : "72 72 m 300 300 l S";
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
  const parts: string[] = ["%PDF-1.4\n"];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(length);
    const object = `${index + 1} 0 obj\n${body}\nendobj\n`;
    parts.push(object);
    length += object.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`];
  for (const offset of offsets) xref.push(`${String(offset).padStart(10, "0")} 00000 n \n`);
  parts.push(...xref);
  parts.push(
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${trailerExtra} >>\nstartxref\n${length}\n%%EOF\n`,
  );
  return new TextEncoder().encode(parts.join(""));
}

/** A text PDF of `pageCount` pages with `linesPerPage` numbered lines of prose each (for size tests). */
export function buildLongPdf(pageCount: number, linesPerPage = 45): Uint8Array {
  const topics = ["harbour tides", "lighthouse lamps", "ferry timetables", "rope splicing", "chart reading"];
  return buildPdf(
    Array.from({ length: pageCount }, (_, page) =>
      Array.from(
        { length: linesPerPage },
        (_, line) =>
          `Page ${page + 1}, line ${line + 1}: notes on ${topics[(page + line) % topics.length]} for keepers, item ${page * linesPerPage + line}.`,
      ),
    ),
  );
}

/** One file of a hand-built ZIP archive. `claimedSize` makes the directory lie about the unpacked size. */
export interface ZipFixtureEntry {
  name: string;
  data: Uint8Array;
  claimedSize?: number;
}

/** A ZIP archive with every entry deflated, built by hand so tests control every field. */
export function buildZipArchive(entries: ZipFixtureEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const size = entry.claimedSize ?? entry.data.byteLength;
    const header = (signature: number, extra: number) => {
      const bytes = new Uint8Array(extra + name.byteLength);
      const view = new DataView(bytes.buffer);
      view.setUint32(0, signature, true);
      const shift = extra === 46 ? 2 : 0;
      view.setUint16(4 + shift, 20, true);
      view.setUint16(8 + shift, 8, true);
      view.setUint32(14 + shift, crc32(entry.data), true);
      view.setUint32(18 + shift, compressed.byteLength, true);
      view.setUint32(22 + shift, size, true);
      view.setUint16(26 + shift, name.byteLength, true);
      if (extra === 46) view.setUint32(42, offset, true);
      bytes.set(name, extra);
      return bytes;
    };
    locals.push(header(0x04034b50, 30), compressed);
    centrals.push(header(0x02014b50, 46));
    offset += 30 + name.byteLength + compressed.byteLength;
  }
  const directorySize = centrals.reduce((total, central) => total + central.byteLength, 0);
  const end = new Uint8Array(22);
  const view = new DataView(end.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, entries.length, true);
  view.setUint16(10, entries.length, true);
  view.setUint32(12, directorySize, true);
  view.setUint32(16, offset, true);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const packageRelationships = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** A paragraph of a generated Word document; `heading` makes it a Heading 1 or 2. */
export interface DocxParagraph {
  text: string;
  heading?: 1 | 2;
}

function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
}

/** A minimal valid DOCX (the parts Word and mammoth need). */
export function buildDocx(paragraphs: DocxParagraph[]): Uint8Array {
  const body = paragraphs
    .map(({ text, heading }) => {
      const style = heading ? `<w:pPr><w:pStyle w:val="Heading${heading}"/></w:pPr>` : "";
      return `<w:p>${style}<w:r><w:t xml:space="preserve">${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</w:t></w:r></w:p>`;
    })
    .join("");
  return buildWordArchive(new TextEncoder().encode(documentXml(body)));
}

function buildWordArchive(document: Uint8Array, claimedSize?: number): Uint8Array {
  const encoder = new TextEncoder();
  return buildZipArchive([
    { name: "[Content_Types].xml", data: encoder.encode(contentTypes) },
    { name: "_rels/.rels", data: encoder.encode(packageRelationships) },
    { name: "word/document.xml", data: document, claimedSize },
  ]);
}

/**
 * A DOCX "zip bomb": a few hundred kilobytes whose word/document.xml unpacks to `expandedBytes` of
 * whitespace, and whose directory claims it unpacks to 1 KB (so only a limit applied while
 * inflating catches it).
 */
export function buildDocxBomb(expandedBytes: number): Uint8Array {
  const open = "<w:p><w:r><w:t>bomb";
  const close = "</w:t></w:r></w:p>";
  const xml = Buffer.alloc(expandedBytes, " ");
  const start = Buffer.from(documentXml(open).replace("</w:body></w:document>", ""));
  start.copy(xml, 0);
  Buffer.from(`${close}</w:body></w:document>`).copy(xml, expandedBytes - close.length - 22);
  return buildWordArchive(new Uint8Array(xml.buffer, xml.byteOffset, xml.byteLength), 1024);
}
