import "server-only";
import type { IncomingMessage } from "node:http";
import { pipeline, type Readable, type Transform } from "node:stream";
import zlib from "node:zlib";
import { webRefused } from "./web-errors";

const decoderFactories: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(),
  "x-gzip": () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

function decodedStream(response: IncomingMessage): Readable {
  const encoding = String(response.headers["content-encoding"] ?? "").trim().toLowerCase();
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
export async function readBodyWithLimit(response: IncomingMessage, maxBytes: number, url: URL): Promise<Buffer> {
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
