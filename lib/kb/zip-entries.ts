const endOfCentralDirectorySignature = 0x06054b50;
const centralDirectoryEntrySignature = 0x02014b50;
const endRecordSize = 22;
const maxCommentSize = 0xffff;

/** One file inside a ZIP archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  uncompressedSize: number;
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
      uncompressedSize: view.getUint32(position + 24, true),
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
