import { inflateRawSync } from "node:zlib";

export const endOfCentralDirectorySignature = 0x06054b50;
export const centralDirectoryEntrySignature = 0x02014b50;
export const localHeaderSignature = 0x04034b50;
export const endRecordSize = 22;
const maxCommentSize = 0xffff;
const zip64Marker = 0xffffffff;

/** One file inside a ZIP archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not read. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** What the archive claims; never trusted for limits, since a hostile archive can lie. */
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Why an archive could not be unpacked within its limits. */
export class ZipLimitError extends Error {
  constructor(
    readonly reason: "too_large" | "damaged" | "encrypted" | "unsupported",
    message: string,
  ) {
    super(message);
    this.name = "ZipLimitError";
  }
}

/**
 * The entries of a ZIP archive, read from its central directory without unpacking anything.
 * Returns undefined when the bytes are not a readable ZIP (truncated, damaged).
 */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const endRecord = findEndRecord(view);
  if (endRecord === undefined) return undefined;
  const entryCount = view.getUint16(endRecord + 10, true);
  let position = view.getUint32(endRecord + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let entry = 0; entry < entryCount; entry++) {
    if (position + 46 > view.byteLength) return undefined;
    if (view.getUint32(position, true) !== centralDirectoryEntrySignature) return undefined;
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    const nameStart = position + 46;
    if (nameStart + nameLength > view.byteLength) return undefined;
    entries.push({
      name: decoder.decode(bytes.subarray(nameStart, nameStart + nameLength)),
      method: view.getUint16(position + 10, true),
      encrypted: (view.getUint16(position + 8, true) & 1) === 1,
      compressedSize: view.getUint32(position + 20, true),
      uncompressedSize: view.getUint32(position + 24, true),
      localHeaderOffset: view.getUint32(position + 42, true),
    });
    position = nameStart + nameLength + extraLength + commentLength;
  }
  return entries;
}

// The end record sits at the very end, after an optional comment of up to 64 KiB.
function findEndRecord(view: DataView): number | undefined {
  const lowest = Math.max(0, view.byteLength - endRecordSize - maxCommentSize);
  for (let position = view.byteLength - endRecordSize; position >= lowest; position--) {
    if (view.getUint32(position, true) === endOfCentralDirectorySignature) return position;
  }
  return undefined;
}

/**
 * Unpacks the chosen entries of a ZIP archive, never holding more than `maxExpandedBytes` of
 * unpacked data in all: each entry is inflated with the remaining budget as zlib's output cap, so
 * a "zip bomb" stops while it is inflating, whatever sizes its directory claims.
 * Throws ZipLimitError for an archive over the budget, damaged, encrypted or using other methods.
 */
export function unpackZipEntries(
  bytes: Uint8Array,
  options: { maxExpandedBytes: number; maxEntries: number; include: (name: string) => boolean },
): Map<string, Uint8Array> {
  const entries = listZipEntries(bytes);
  if (!entries) throw new ZipLimitError("damaged", "the archive's directory is damaged or missing");
  if (entries.length > options.maxEntries) {
    throw new ZipLimitError("too_large", `the archive holds ${entries.length} files`);
  }
  const unpacked = new Map<string, Uint8Array>();
  let budget = options.maxExpandedBytes;
  for (const entry of entries) {
    if (!options.include(entry.name) || entry.name.endsWith("/")) continue;
    const data = unpackEntry(bytes, entry, budget);
    budget -= data.byteLength;
    unpacked.set(entry.name, data);
  }
  return unpacked;
}

function unpackEntry(bytes: Uint8Array, entry: ZipEntry, budget: number): Uint8Array {
  if (entry.encrypted) throw new ZipLimitError("encrypted", `“${entry.name}” is encrypted`);
  if (entry.compressedSize === zip64Marker || entry.localHeaderOffset === zip64Marker) {
    throw new ZipLimitError("unsupported", "the archive uses ZIP64, which is not supported");
  }
  const compressed = entryData(bytes, entry);
  if (entry.method === 0) {
    if (compressed.byteLength > budget) throw tooLarge();
    return compressed;
  }
  if (entry.method !== 8) {
    throw new ZipLimitError("unsupported", `“${entry.name}” uses compression method ${entry.method}`);
  }
  try {
    return inflateRawSync(compressed, { maxOutputLength: Math.max(1, budget) });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
    throw new ZipLimitError("damaged", `“${entry.name}” could not be unpacked (${(error as Error).message})`);
  }
}

function tooLarge(): ZipLimitError {
  return new ZipLimitError("too_large", "the archive expands beyond the limit");
}

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeaderOffset;
  if (header + 30 > bytes.byteLength || view.getUint32(header, true) !== localHeaderSignature) {
    throw new ZipLimitError("damaged", `the header of “${entry.name}” is missing`);
  }
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) throw new ZipLimitError("damaged", `“${entry.name}” is cut short`);
  return bytes.subarray(start, end);
}
