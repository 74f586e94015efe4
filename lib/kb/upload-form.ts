import "server-only";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatBytes } from "./format-bytes";
import { maxFilesPerUpload } from "./ingest";

// Room for the multipart framing around the files.
const framingBytes = 1024 * 1024;

/**
 * Reads a multipart upload without letting its body grow past what the limits allow: at most
 * `maxFilesPerUpload` files of MAX_UPLOAD_BYTES each. A declared Content-Length over that is refused
 * before reading; a body that turns out longer (chunked, or lying) is cut off while it streams.
 */
export async function readUploadForm(
  request: Request,
  limits: { maxFileBytes?: number; maxFiles?: number } = {},
): Promise<FormData> {
  const MAX_UPLOAD_BYTES = limits.maxFileBytes ?? getEnvironment().MAX_UPLOAD_BYTES;
  const files = limits.maxFiles ?? maxFilesPerUpload;
  const limit = MAX_UPLOAD_BYTES * files + framingBytes;
  const variable = limits.maxFileBytes === undefined ? " (MAX_UPLOAD_BYTES)" : "";
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit)
    throw tooLarge(declared, MAX_UPLOAD_BYTES, files, variable);
  if (!request.body) throw notMultipart();
  let received = 0;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > limit) controller.error(tooLarge(received, MAX_UPLOAD_BYTES, files, variable));
        else controller.enqueue(chunk);
      },
    }),
  );
  const bounded = new Request(request.url, {
    method: "POST",
    headers: { "content-type": request.headers.get("content-type") ?? "" },
    body: counted,
    duplex: "half",
  } as RequestInit);
  try {
    return await bounded.formData();
  } catch (error) {
    if (received > limit) throw tooLarge(received, MAX_UPLOAD_BYTES, files, variable);
    throw notMultipart(error);
  }
}

function tooLarge(bytes: number, maxUploadBytes: number, files: number, variable: string): AppError {
  return new AppError(
    "payload_too_large",
    `The upload is over ${formatBytes(bytes)}; each file may be at most ${formatBytes(maxUploadBytes)}${variable} and an upload at most ${files} files. Upload fewer or smaller files.`,
  );
}

function notMultipart(cause?: unknown): AppError {
  return new AppError(
    "bad_request",
    "Send the documents as multipart/form-data with one or more “file” fields.",
    { cause },
  );
}
