/** An IP address in numeric form: IPv4 as an unsigned 32-bit integer, IPv6 as 16 bytes. */
export type IpAddress = { family: 4; value: number } | { family: 6; bytes: Uint8Array };

/**
 * Parses an IPv4 literal in every spelling `inet_aton` and the WHATWG URL parser accept:
 * dotted decimal, a single integer (`2130706433`), hex (`0x7f000001`, `0x7f.0.0.1`),
 * octal (`0177.0.0.1`) and short forms (`127.1`, `10.1.1`), with one optional trailing dot.
 * Returns undefined when the text is not an IPv4 literal.
 */
export function parseIpv4Literal(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length > 1 && parts.at(-1) === "") parts.pop();
  if (parts.length === 0 || parts.length > 4) return undefined;
  const numbers = parts.map(parseIpv4Part);
  if (numbers.some((part) => part === undefined)) return undefined;
  const values = numbers as number[];
  const last = values.pop() as number;
  if (values.some((part) => part > 255)) return undefined;
  // The last part fills every byte the earlier parts did not: "127.1" is 127.0.0.1.
  if (last >= 256 ** (4 - values.length)) return undefined;
  const head = values.reduce((total, part, index) => total + part * 256 ** (3 - index), 0);
  return head + last;
}

function parseIpv4Part(part: string): number | undefined {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
  if (/^0[0-7]+$/.test(part)) return Number.parseInt(part.slice(1), 8);
  if (/^(0|[1-9][0-9]*)$/.test(part)) return Number(part);
  return undefined;
}

/**
 * Parses an IPv6 literal, with or without brackets and with an optional zone id
 * (`fe80::1%eth0`, or `%25eth0` as written in a URL). A trailing dotted IPv4 part is accepted.
 */
export function parseIpv6Literal(text: string): Uint8Array | undefined {
  let literal = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const zoneStart = literal.indexOf("%");
  if (zoneStart !== -1) literal = literal.slice(0, zoneStart);
  if (!literal.includes(":")) return undefined;
  const halves = literal.split("::");
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0]);
  const tail = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return bytes;
}

function parseGroups(text: string): number[] | undefined {
  if (text === "") return [];
  const pieces = text.split(":");
  const groups: number[] = [];
  for (const [index, piece] of pieces.entries()) {
    if (index === pieces.length - 1 && piece.includes(".")) {
      const embedded = parseStrictDottedQuad(piece);
      if (embedded === undefined) return undefined;
      groups.push(embedded >>> 16, embedded & 0xffff);
    } else if (/^[0-9a-f]{1,4}$/i.test(piece)) {
      groups.push(Number.parseInt(piece, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseStrictDottedQuad(text: string): number | undefined {
  if (!/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(text)) return undefined;
  const parts = text.split(".").map(Number);
  if (parts.some((part) => part > 255)) return undefined;
  return parts.reduce((total, part) => total * 256 + part, 0);
}

/** Parses any IP literal (IPv4 in all its spellings, IPv6 bracketed or not); undefined for host names. */
export function parseIpLiteral(text: string): IpAddress | undefined {
  const trimmed = text.trim().toLowerCase();
  const bytes = parseIpv6Literal(trimmed);
  if (bytes) return { family: 6, bytes };
  const value = parseIpv4Literal(trimmed);
  return value === undefined ? undefined : { family: 4, value };
}

/** Dotted decimal form of an IPv4 address held as an unsigned 32-bit integer. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join(".");
}

/** Compressed IPv6 form (RFC 5952: lower case, the longest run of zero groups as `::`). */
export function formatIpv6(bytes: Uint8Array): string {
  const groups = Array.from({ length: 8 }, (_, index) => (bytes[index * 2] << 8) | bytes[index * 2 + 1]);
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength) [bestStart, bestLength] = [start, length];
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(":");
  const head = hex.slice(0, bestStart).join(":");
  const tail = hex.slice(bestStart + bestLength).join(":");
  return `${head}::${tail}`;
}

/** The canonical text of a parsed address, as used in messages and allow-list comparisons. */
export function formatIpAddress(address: IpAddress): string {
  return address.family === 4 ? formatIpv4(address.value) : formatIpv6(address.bytes);
}
