import { listZipEntries } from "./zip-archive";

/** What the first bytes of a file say it is. */
export type ContentSignature =
  | { kind: "pdf" }
  | { kind: "docx" }
  /** A password-protected .docx (or .xlsx, .pptx): Office encrypts it into an OLE container. */
  | { kind: "encrypted-office" }
  | { kind: "unsupported"; description: string }
  | { kind: "unknown" };

const signatures: Array<{ bytes: number[]; description: string }> = [
  { bytes: [0x4d, 0x5a], description: "a Windows program (.exe or .dll)" },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], description: "a Linux program (ELF executable)" },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], description: "a macOS program (Mach-O executable)" },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], description: "a macOS program or Java class file" },
  // (An encrypted .docx is stored in this container too; sniffSignature tells it apart.)
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], description: "an old Microsoft Office file (.doc, .xls or .ppt)" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], description: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], description: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], description: "a GIF image" },
  { bytes: [0x1f, 0x8b], description: "a gzip archive" },
  { bytes: [0x52, 0x61, 0x72, 0x21], description: "a RAR archive" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], description: "a 7-Zip archive" },
  { bytes: [0x00, 0x61, 0x73, 0x6d], description: "a WebAssembly module" },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], description: "a Rich Text Format (.rtf) file" },
];

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  return prefix.every((value, index) => bytes[at + index] === value);
}

/** Recognises PDF and DOCX by their bytes, and names common formats we cannot read. */
export function sniffSignature(bytes: Uint8Array): ContentSignature {
  // The PDF header may follow a little junk; readers accept it within the first kilobyte.
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (head.startsWith("%PDF-") || (head.includes("%PDF-") && !isText(bytes))) return { kind: "pdf" };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]) && containsUtf16(bytes, "EncryptedPackage")) {
    return { kind: "encrypted-office" };
  }
  const known = signatures.find((signature) => startsWith(bytes, signature.bytes));
  return known ? { kind: "unsupported", description: known.description } : { kind: "unknown" };
}

function sniffZip(bytes: Uint8Array): ContentSignature {
  const names = listZipEntries(bytes)?.map((entry) => entry.name);
  if (!names) return { kind: "unsupported", description: "a damaged or incomplete ZIP archive" };
  if (names.includes("word/document.xml")) return { kind: "docx" };
  if (names.includes("xl/workbook.xml"))
    return { kind: "unsupported", description: "an Excel workbook (.xlsx)" };
  if (names.includes("ppt/presentation.xml")) {
    return { kind: "unsupported", description: "a PowerPoint presentation (.pptx)" };
  }
  return { kind: "unsupported", description: "a ZIP archive" };
}

// Office's encrypted container names its stream "EncryptedPackage" in UTF-16LE.
function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = Buffer.from(text, "utf16le");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

/**
 * True for text in an 8-bit legacy encoding (Latin-1, Windows-1252): not valid UTF-8, but no NUL
 * bytes, hardly any control characters, and accented letters (bytes above 0x7f) among mostly ASCII.
 */
export function looksLikeLegacyText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  let high = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte >= 0x80) high++;
    else if ((byte < 32 && byte !== 9 && byte !== 10 && byte !== 13) || byte === 0x7f) control++;
  }
  return high > 0 && high <= sample.length * 0.3 && control <= sample.length / 100;
}

function isText(bytes: Uint8Array): boolean {
  return decodeText(bytes) !== undefined;
}

// Colour and cursor codes of terminal output (logs saved from a console): "ESC [ 1 ; 31 m".
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what these codes start with
const terminalCodes = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/**
 * The bytes as text when they are text: valid UTF-8 (or UTF-16 with a byte order mark), no NUL
 * characters, and at most 1% other control characters once terminal colour codes are removed (they
 * are dropped from the text too). Otherwise undefined.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = decodeWithBom(bytes);
  } catch {
    return undefined;
  }
  if (text.includes("\u001b")) text = text.replace(terminalCodes, "");
  let control = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0) return undefined;
    const allowed = code === 9 || code === 10 || code === 12 || code === 13;
    if ((code < 32 && !allowed) || code === 0x7f) control++;
  }
  return control <= text.length / 100 ? text : undefined;
}

function decodeWithBom(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder("utf-16le", { fatal: true }).decode(bytes);
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder("utf-16be", { fatal: true }).decode(bytes);
  // TextDecoder drops a UTF-8 byte order mark by itself.
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

const htmlStart = /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body)\b/i;
const htmlTag =
  /<\/?(html|head|body|p|div|span|a|h[1-6]|article|section|main|nav|header|footer|table|ul|ol|li|br|meta|title|script|style|link|img)\b[^>]*>/gi;

/** True when the text starts as a whole HTML page does (a doctype, or an html, head or body tag). */
export function isHtmlPage(text: string): boolean {
  return htmlStart.test(text.slice(0, 4096));
}

/** True when the text reads as an HTML page or fragment rather than prose that mentions a tag. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096);
  if (htmlStart.test(head)) return true;
  if (!/^\s*</.test(head)) return false;
  return (head.match(htmlTag) ?? []).length >= 3;
}

const markdownSignals: Array<{ pattern: RegExp; weight: number }> = [
  { pattern: /^#{1,6}\s+\S/m, weight: 2 },
  { pattern: /^```/m, weight: 2 },
  { pattern: /^\|?\s*:?-{3,}:?\s*\|/m, weight: 2 },
  { pattern: /\[[^\]\n]+\]\([^)\s]+\)/, weight: 1 },
  { pattern: /(\*\*|__)[^\s*_][^*_\n]*(\*\*|__)/, weight: 1 },
  { pattern: /^\s*([-*+]|\d+\.)\s+\S.*\n\s*([-*+]|\d+\.)\s+\S/m, weight: 1 },
  { pattern: /^>\s+\S/m, weight: 1 },
];

/** True when the text uses enough Markdown syntax (headings, fences, links, lists) to be Markdown. */
export function looksLikeMarkdown(text: string): boolean {
  const head = text.slice(0, 20_000);
  const score = markdownSignals.reduce(
    (total, signal) => total + (signal.pattern.test(head) ? signal.weight : 0),
    0,
  );
  return score >= 2;
}
