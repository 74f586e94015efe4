import { AppError } from "@/lib/errors";
import type { DocumentKind } from "./document-types";
import { fileExtension } from "./file-name";
import {
  decodeText,
  isHtmlPage,
  looksLikeHtml,
  looksLikeLegacyText,
  looksLikeMarkdown,
  sniffSignature,
} from "./sniff-content";

/** A file's real format, decided from its bytes. Text formats carry the decoded text. */
export type DetectedType =
  | { kind: "pdf" | "docx"; mediaType: string }
  | { kind: "html" | "markdown" | "text"; mediaType: string; text: string };

export const mediaTypeByKind: Record<DocumentKind, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  html: "text/html",
  markdown: "text/markdown",
  text: "text/plain",
};

const kindByExtension: Record<string, DocumentKind> = {
  pdf: "pdf",
  docx: "docx",
  html: "html",
  htm: "html",
  xhtml: "html",
  md: "markdown",
  markdown: "markdown",
  txt: "text",
  text: "text",
};

const kindLabel: Record<DocumentKind, string> = {
  pdf: "a PDF document",
  docx: "a Word document (.docx)",
  html: "an HTML page",
  markdown: "Markdown text",
  text: "plain text",
};

const supportedFormats = "PDF, Word (.docx), HTML, Markdown and plain-text (UTF-8) files";

/**
 * Decides what an upload really is from its bytes, never from its name or the browser's MIME type.
 * The name's extension is only checked against the content: a mismatch (a program named .pdf,
 * text named .docx, binary data named .txt) is refused with a message saying what the bytes are.
 */
export function detectDocumentType(name: string, bytes: Uint8Array): DetectedType {
  if (bytes.byteLength === 0) {
    throw new AppError(
      "bad_request",
      `“${name}” is empty. Choose a file that has content and upload it again.`,
    );
  }
  const extension = fileExtension(name);
  const claimed: DocumentKind | undefined = kindByExtension[extension];
  const signature = sniffSignature(bytes);
  if (signature.kind === "pdf" || signature.kind === "docx") {
    if (claimed && claimed !== signature.kind)
      throw mismatch(name, extension, kindLabel[signature.kind], signature.kind);
    return { kind: signature.kind, mediaType: mediaTypeByKind[signature.kind] };
  }
  if (signature.kind === "encrypted-office") {
    throw new AppError(
      "unsupported_media_type",
      `“${name}” is a password-protected Office document. Remove the password in Word (File › Info › Protect Document › Encrypt with Password, then clear it), save it and upload it again.`,
    );
  }
  if (signature.kind === "unsupported") throw unsupported(name, extension, claimed, signature.description);
  const text = decodeText(bytes);
  if (text === undefined) {
    if (looksLikeLegacyText(bytes)) throw legacyEncoding(name);
    throw unsupported(name, extension, claimed, "binary data in an unrecognised format");
  }
  if (claimed === "pdf" || claimed === "docx") {
    throw mismatch(name, extension, kindLabel[textKind(text, undefined)], textKind(text, undefined));
  }
  const kind = textKind(text, claimed);
  return { kind, mediaType: mediaTypeByKind[kind], text };
}

// Among text formats the content decides too: an HTML page saved as .txt or .md is read as HTML
// (its scripts and navigation dropped), plain text with Markdown syntax as Markdown (headings kept).
function textKind(text: string, claimed: DocumentKind | undefined): "html" | "markdown" | "text" {
  if (claimed === "html") return "html";
  if (claimed === undefined ? looksLikeHtml(text) : isHtmlPage(text)) return "html";
  if (claimed === "markdown") return "markdown";
  return looksLikeMarkdown(text) ? "markdown" : "text";
}

function legacyEncoding(name: string): AppError {
  return new AppError(
    "unsupported_media_type",
    `“${name}” is text in a legacy encoding (such as Latin-1 or Windows-1252), not UTF-8. Open it in a text editor, save it with the UTF-8 encoding and upload it again.`,
  );
}

const extensionForKind: Record<DocumentKind, string> = {
  pdf: ".pdf",
  docx: ".docx",
  html: ".html",
  markdown: ".md",
  text: ".txt",
};

function mismatch(name: string, extension: string, actual: string, actualKind: DocumentKind): AppError {
  return new AppError(
    "unsupported_media_type",
    `“${name}” is named .${extension}, but its content is ${actual}. ` +
      `If that is right, rename it to end in ${extensionForKind[actualKind]} and upload it again; otherwise upload the real .${extension} file.`,
  );
}

function unsupported(
  name: string,
  extension: string,
  claimed: DocumentKind | undefined,
  description: string,
): AppError {
  const what = claimed
    ? `“${name}” is named .${extension}, but its content is ${description}, not ${kindLabel[claimed]}.`
    : `“${name}” is ${description}, which the knowledge base cannot read.`;
  return new AppError(
    "unsupported_media_type",
    `${what} Only ${supportedFormats} can be added: export or save it in one of these formats (for example as PDF) and upload that.`,
  );
}
