import {
  formatIpAddress,
  formatIpv4,
  parseIpLiteral,
  parseIpv4Literal,
  parseIpv6Literal,
} from "./ip-literal";

/** Whether an address may be reached, and if not, a sentence saying why. */
export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

type AddressRange = { base: string; prefix: number; kind: string };

// Order matters: the first match names the refusal, so the specific metadata hosts come first.
const ipv4Ranges: AddressRange[] = [
  { base: "169.254.169.254", prefix: 32, kind: "a cloud metadata address" },
  { base: "100.100.100.200", prefix: 32, kind: "a cloud metadata address" },
  { base: "255.255.255.255", prefix: 32, kind: "the broadcast address" },
  { base: "0.0.0.0", prefix: 8, kind: "an unspecified address" },
  { base: "127.0.0.0", prefix: 8, kind: "a loopback address" },
  { base: "10.0.0.0", prefix: 8, kind: "a private address" },
  { base: "172.16.0.0", prefix: 12, kind: "a private address" },
  { base: "192.168.0.0", prefix: 16, kind: "a private address" },
  { base: "169.254.0.0", prefix: 16, kind: "a link-local address" },
  { base: "100.64.0.0", prefix: 10, kind: "a shared (carrier-grade NAT) address" },
  { base: "192.0.0.0", prefix: 24, kind: "a reserved protocol address" },
  { base: "192.0.2.0", prefix: 24, kind: "a documentation address" },
  { base: "198.51.100.0", prefix: 24, kind: "a documentation address" },
  { base: "203.0.113.0", prefix: 24, kind: "a documentation address" },
  { base: "198.18.0.0", prefix: 15, kind: "a benchmarking address" },
  { base: "192.88.99.0", prefix: 24, kind: "a reserved relay address" },
  { base: "224.0.0.0", prefix: 4, kind: "a multicast address" },
  { base: "240.0.0.0", prefix: 4, kind: "a reserved address" },
];

const ipv6Ranges: AddressRange[] = [
  { base: "fd00:ec2::254", prefix: 128, kind: "a cloud metadata address" },
  { base: "::", prefix: 128, kind: "an unspecified address" },
  { base: "::1", prefix: 128, kind: "a loopback address" },
  { base: "64:ff9b:1::", prefix: 48, kind: "a private (local NAT64) address" },
  { base: "fc00::", prefix: 7, kind: "a unique-local (private) address" },
  { base: "fe80::", prefix: 10, kind: "a link-local address" },
  { base: "fec0::", prefix: 10, kind: "a site-local (private) address" },
  { base: "ff00::", prefix: 8, kind: "a multicast address" },
  { base: "2001:db8::", prefix: 32, kind: "a documentation address" },
  { base: "3fff::", prefix: 20, kind: "a documentation address" },
  { base: "2001::", prefix: 32, kind: "a Teredo tunnel address" },
  { base: "2001::", prefix: 23, kind: "a reserved protocol address" },
  { base: "100::", prefix: 64, kind: "a discard-only address" },
];

/** IPv6 ranges that carry an IPv4 address in their last 32 bits (or bits 16–48 for 6to4). */
const embeddingRanges: { base: string; prefix: number; offset: number; name: string }[] = [
  { base: "::ffff:0:0", prefix: 96, offset: 12, name: "IPv4-mapped" },
  { base: "::", prefix: 96, offset: 12, name: "IPv4-compatible" },
  { base: "64:ff9b::", prefix: 96, offset: 12, name: "NAT64" },
  { base: "2002::", prefix: 16, offset: 2, name: "6to4" },
];

const parsedIpv4Ranges = ipv4Ranges.map((range) => ({ ...range, value: parseIpv4Literal(range.base) ?? 0 }));
const parsedIpv6Ranges = ipv6Ranges.map((range) => ({ ...range, bytes: ipv6Bytes(range.base) }));
const parsedEmbeddingRanges = embeddingRanges.map((range) => ({ ...range, bytes: ipv6Bytes(range.base) }));

function ipv6Bytes(base: string): Uint8Array {
  return parseIpv6Literal(base) ?? new Uint8Array(16);
}

function ipv4InRange(value: number, base: number, prefix: number): boolean {
  if (prefix === 0) return true;
  const mask = (0xffffffff << (32 - prefix)) >>> 0;
  return (value & mask) >>> 0 === (base & mask) >>> 0;
}

function ipv6InRange(bytes: Uint8Array, base: Uint8Array, prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit += 8) {
    const width = Math.min(8, prefix - bit);
    const mask = (0xff << (8 - width)) & 0xff;
    if ((bytes[bit / 8] & mask) !== (base[bit / 8] & mask)) return false;
  }
  return true;
}

function ipv4Kind(value: number): string | undefined {
  return parsedIpv4Ranges.find((range) => ipv4InRange(value, range.value, range.prefix))?.kind;
}

function checkIpv4(value: number): AddressVerdict {
  const kind = ipv4Kind(value);
  return kind ? { allowed: false, reason: `${formatIpv4(value)} is ${kind}` } : { allowed: true };
}

function checkIpv6(bytes: Uint8Array): AddressVerdict {
  const text = formatIpAddress({ family: 6, bytes });
  const exact = parsedIpv6Ranges.find(
    (range) => range.prefix === 128 && ipv6InRange(bytes, range.bytes, 128),
  );
  if (exact) return { allowed: false, reason: `${text} is ${exact.kind}` };
  const embedding = parsedEmbeddingRanges.find((range) => ipv6InRange(bytes, range.bytes, range.prefix));
  if (embedding) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + embedding.offset, 4);
    const embedded = view.getUint32(0);
    const kind = ipv4Kind(embedded);
    if (!kind) return { allowed: true };
    return { allowed: false, reason: `${text} (${embedding.name}) embeds ${formatIpv4(embedded)}, ${kind}` };
  }
  const range = parsedIpv6Ranges.find((candidate) => ipv6InRange(bytes, candidate.bytes, candidate.prefix));
  if (range) return { allowed: false, reason: `${text} is ${range.kind}` };
  // Only global unicast (2000::/3) is routed on the public internet; everything else is unassigned.
  if ((bytes[0] & 0xe0) !== 0x20) return { allowed: false, reason: `${text} is a reserved address` };
  return { allowed: true };
}

/**
 * Decides whether an IP address may be reached from the server. Accepts any spelling of an
 * IP literal (see `parseIpLiteral`); text that is not an IP literal is refused, because only
 * resolved addresses should be judged here.
 * @example checkAddress("10.0.0.5") // { allowed: false, reason: "10.0.0.5 is a private address" }
 */
export function checkAddress(address: string): AddressVerdict {
  const parsed = parseIpLiteral(address);
  if (!parsed) return { allowed: false, reason: `${address} is not an IP address` };
  return parsed.family === 4 ? checkIpv4(parsed.value) : checkIpv6(parsed.bytes);
}

/**
 * True when `host:port` is listed in the allow-list (WEB_FETCH_ALLOW entries such as
 * "127.0.0.1:8080", "[::1]:8080" or "localhost:3000"). IP literals are compared in canonical
 * form, so "0x7f.1:8080" matches an entry "127.0.0.1:8080".
 */
export function isAllowListed(host: string, port: number, allowList: readonly string[]): boolean {
  const wanted = canonicalHost(host);
  return allowList.some((entry) => {
    const separator = entry.lastIndexOf(":");
    if (separator === -1) return false;
    const entryPort = Number(entry.slice(separator + 1));
    return entryPort === port && canonicalHost(entry.slice(0, separator)) === wanted;
  });
}

function canonicalHost(host: string): string {
  const trimmed = host.trim().toLowerCase();
  const parsed = parseIpLiteral(trimmed);
  if (parsed) return formatIpAddress(parsed);
  return trimmed.endsWith(".") ? trimmed.slice(0, -1) : trimmed;
}
