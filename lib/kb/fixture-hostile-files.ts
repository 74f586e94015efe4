// The hostile and broken uploads of the knowledge-base issue, shared by the unit tests, the route
// tests and the end-to-end specs. No server-only or "@/" imports, as in fixture-documents.ts.
import { buildDocxBomb, buildPdf } from "./fixture-documents";

/** A hostile or broken upload and how the knowledge base must answer it. */
export interface HostileFile {
  title: string;
  name: string;
  mimeType: string;
  bytes: Uint8Array;
  status: number;
  message: string;
}

/**
 * Every bad input of the knowledge-base issue that fits in a test: each must get its 4xx with the
 * message, and leave the knowledge base as it was. (The over-size file is built where the limit is known.)
 */
export function hostileFiles(bombBytes = 150 * 1024 * 1024): HostileFile[] {
  const encode = (text: string) => new TextEncoder().encode(text);
  const pdf = buildPdf([["A page that will be cut short."], ["Another page."]]);
  return [
    {
      title: "an empty file",
      name: "empty.txt",
      mimeType: "text/plain",
      bytes: new Uint8Array(),
      status: 400,
      message: "is empty",
    },
    {
      title: "a truncated PDF",
      name: "truncated.pdf",
      mimeType: "application/pdf",
      bytes: pdf.subarray(0, Math.floor(pdf.byteLength * 0.6)),
      status: 400,
      message: "incomplete",
    },
    {
      title: "a corrupt PDF",
      name: "corrupt.pdf",
      mimeType: "application/pdf",
      bytes: encode("%PDF-1.7\n1 0 obj <<< broken >>\ngarbage\n%%EOF\n"),
      status: 400,
      message: "could not be read as a PDF",
    },
    {
      title: "an executable named .pdf",
      name: "invoice.pdf",
      mimeType: "application/pdf",
      bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]),
      status: 415,
      message: "Windows program",
    },
    {
      title: "a text file named .docx",
      name: "letter.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      bytes: encode("Dear team, this is plain text, not a Word document."),
      status: 415,
      message: "plain text",
    },
    {
      title: "a DOCX zip bomb",
      name: "bomb.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      bytes: buildDocxBomb(bombBytes),
      status: 413,
      message: "zip bomb",
    },
    {
      title: "a binary file named .txt",
      name: "data.txt",
      mimeType: "text/plain",
      bytes: new Uint8Array(512).map((_, index) => (index * 37 + 11) % 256),
      status: 415,
      message: "binary data",
    },
    {
      title: "an encrypted PDF",
      name: "locked.pdf",
      mimeType: "application/pdf",
      bytes: buildPdf([["secret"]], { encrypted: true }),
      status: 415,
      message: "password-protected",
    },
    {
      title: "a scanned PDF without a text layer",
      name: "scan.pdf",
      mimeType: "application/pdf",
      bytes: buildPdf([[], []]),
      status: 415,
      message: "Scanned PDFs need OCR, which is not supported",
    },
    {
      title: "a file name with ../",
      name: "../../etc/passwd.md",
      mimeType: "text/markdown",
      bytes: encode("# Passwords\n\nNothing to see here."),
      status: 400,
      message: "folder path",
    },
  ];
}
