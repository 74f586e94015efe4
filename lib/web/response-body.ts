import "server-only";
import type { IncomingMessage } from "node:http";
import { pipeline, type Readable, type Transform } from "node:stream";
import zlib from "node:zlib";
import type { AppError } from "@/lib/errors";
import { classifyContentType, mediaTypeOf, sniffContentType } from "./content-types";
import { webRefused } from "./web-errors";

/** What a guarded fetch returns: the final URL after redirects and the whole (capped) body. */
export interface GuardedResponse {
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

const decoderFactories: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(),
  "x-gzip": () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

function decodedStream(response: IncomingMessage): Readable {
  const encoding = String(response.headers["content-encoding"] ?? "")
    .trim()
    .toLowerCase();
  const decoder = decoderFactories[encoding]?.();
  if (!decoder) return response;
  // pipeline forwards an error of either stream to the other, so the reader below sees it.
  return pipeline(response, decoder, () => {});
}

/** A size in words: "5 MB", "300 KB", "512 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

/**
 * Reads a response body (decompressing gzip, deflate or br) and stops as soon as it grows past
 * `maxBytes`, so an endless or huge body (or a compression bomb) costs at most that much.
 */
async function readBodyWithLimit(response: IncomingMessage, maxBytes: number, url: URL): Promise<Buffer> {
  const declaredLength = Number(response.headers["content-length"]);
  const tooLarge = () => webRefused(`${url.href} is larger than the ${formatBytes(maxBytes)} limit`);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let received = 0;
  const stream = decodedStream(response);
  for await (const chunk of stream) {
    received += (chunk as Buffer).length;
    if (received > maxBytes) {
      stream.destroy();
      response.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads the final response of a guarded fetch within `maxBytes`. A type that is not HTML, plain
 * text, JSON or PDF is refused before its body is downloaded; a body with no declared type (or
 * application/octet-stream) is sniffed instead.
 */
export async function readResponse(
  url: URL,
  response: IncomingMessage,
  maxBytes: number,
): Promise<GuardedResponse> {
  const status = response.statusCode ?? 0;
  const header = response.headers["content-type"];
  // Many servers label PDFs (and sometimes text) as generic bytes; those are sniffed like an unlabelled body.
  const declared = mediaTypeOf(header) === "application/octet-stream" ? undefined : header;
  if (declared && !classifyContentType(declared)) {
    response.destroy();
    // An error page in an unreadable type still tells the caller its status; a success does not help.
    if (status >= 400) return { url: url.href, status, contentType: declared, body: Buffer.alloc(0) };
    throw unreadable(url, mediaTypeOf(declared));
  }
  const body = await readBodyWithLimit(response, maxBytes, url);
  const contentType = declared ?? sniffContentType(body);
  if (!contentType) throw unreadable(url, "binary data of no declared type");
  return { url: url.href, status, contentType, body };
}

function unreadable(url: URL, kind: string): AppError {
  return webRefused(`${url.href} is ${kind}; only HTML, plain text, JSON and PDF can be read`);
}
