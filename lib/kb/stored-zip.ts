import { crc32 } from "node:zlib";
import {
  centralDirectoryEntrySignature,
  endOfCentralDirectorySignature,
  endRecordSize,
  localHeaderSignature,
} from "./zip-archive";

/** The local header and the central directory entry of one stored (uncompressed) file. */
function storedHeaders(name: Uint8Array, data: Uint8Array, offset: number): [Uint8Array, Uint8Array] {
  const checksum = crc32(data);
  const local = new Uint8Array(30 + name.byteLength);
  const localView = new DataView(local.buffer);
  localView.setUint32(0, localHeaderSignature, true);
  localView.setUint16(4, 20, true);
  localView.setUint32(14, checksum, true);
  localView.setUint32(18, data.byteLength, true);
  localView.setUint32(22, data.byteLength, true);
  localView.setUint16(26, name.byteLength, true);
  local.set(name, 30);
  const central = new Uint8Array(46 + name.byteLength);
  const centralView = new DataView(central.buffer);
  centralView.setUint32(0, centralDirectoryEntrySignature, true);
  centralView.setUint16(4, 20, true);
  centralView.setUint16(6, 20, true);
  centralView.setUint32(16, checksum, true);
  centralView.setUint32(20, data.byteLength, true);
  centralView.setUint32(24, data.byteLength, true);
  centralView.setUint16(28, name.byteLength, true);
  centralView.setUint32(42, offset, true);
  central.set(name, 46);
  return [local, central];
}

/**
 * Packs files into an uncompressed ZIP. A reader of this archive (mammoth) unpacks nothing beyond
 * what was already unpacked within limits.
 */
export function packStoredZip(files: Map<string, Uint8Array>): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const [local, central] = storedHeaders(encoder.encode(name), data, offset);
    parts.push(local, data);
    centrals.push(central);
    offset += local.byteLength + data.byteLength;
  }
  const end = new Uint8Array(endRecordSize);
  const endView = new DataView(end.buffer);
  endView.setUint32(0, endOfCentralDirectorySignature, true);
  endView.setUint16(8, files.size, true);
  endView.setUint16(10, files.size, true);
  endView.setUint32(
    12,
    centrals.reduce((total, central) => total + central.byteLength, 0),
    true,
  );
  endView.setUint32(16, offset, true);
  return Buffer.concat([...parts, ...centrals, end]);
}
