import { describe, expect, it } from "vitest";
import { checkAddress, isAllowListed } from "./address-policy";
import { formatIpv6, parseIpLiteral, parseIpv4Literal, parseIpv6Literal } from "./ip-literal";

const refused: [address: string, reason: string][] = [
  ["127.0.0.1", "127.0.0.1 is a loopback address"],
  ["127.255.255.254", "127.255.255.254 is a loopback address"],
  ["::1", "::1 is a loopback address"],
  ["[::1]", "::1 is a loopback address"],
  ["10.0.0.5", "10.0.0.5 is a private address"],
  ["172.16.0.1", "172.16.0.1 is a private address"],
  ["172.31.255.255", "172.31.255.255 is a private address"],
  ["192.168.1.1", "192.168.1.1 is a private address"],
  ["169.254.1.1", "169.254.1.1 is a link-local address"],
  ["fe80::1", "fe80::1 is a link-local address"],
  ["[fe80::1%25eth0]", "fe80::1 is a link-local address"],
  ["fe80::abcd%eth0", "fe80::abcd is a link-local address"],
  ["100.64.0.1", "100.64.0.1 is a shared (carrier-grade NAT) address"],
  ["100.127.255.255", "100.127.255.255 is a shared (carrier-grade NAT) address"],
  ["fc00::1", "fc00::1 is a unique-local (private) address"],
  ["fd12:3456::1", "fd12:3456::1 is a unique-local (private) address"],
  ["224.0.0.1", "224.0.0.1 is a multicast address"],
  ["239.255.255.250", "239.255.255.250 is a multicast address"],
  ["ff02::1", "ff02::1 is a multicast address"],
  ["0.0.0.0", "0.0.0.0 is an unspecified address"],
  ["0.1.2.3", "0.1.2.3 is an unspecified address"],
  ["::", ":: is an unspecified address"],
  ["255.255.255.255", "255.255.255.255 is the broadcast address"],
  ["240.0.0.1", "240.0.0.1 is a reserved address"],
  ["192.0.2.10", "192.0.2.10 is a documentation address"],
  ["198.51.100.7", "198.51.100.7 is a documentation address"],
  ["203.0.113.9", "203.0.113.9 is a documentation address"],
  ["2001:db8::1", "2001:db8::1 is a documentation address"],
  ["198.18.0.1", "198.18.0.1 is a benchmarking address"],
  ["169.254.169.254", "169.254.169.254 is a cloud metadata address"],
  ["fd00:ec2::254", "fd00:ec2::254 is a cloud metadata address"],
  ["100.100.100.200", "100.100.100.200 is a cloud metadata address"],
  ["::ffff:127.0.0.1", "::ffff:7f00:1 (IPv4-mapped) embeds 127.0.0.1, a loopback address"],
  ["::ffff:7f00:1", "::ffff:7f00:1 (IPv4-mapped) embeds 127.0.0.1, a loopback address"],
  ["[::ffff:a9fe:a9fe]", "::ffff:a9fe:a9fe (IPv4-mapped) embeds 169.254.169.254, a cloud metadata address"],
  ["::10.0.0.1", "::a00:1 (IPv4-compatible) embeds 10.0.0.1, a private address"],
  ["64:ff9b::10.0.0.1", "64:ff9b::a00:1 (NAT64) embeds 10.0.0.1, a private address"],
  ["64:ff9b::7f00:1", "64:ff9b::7f00:1 (NAT64) embeds 127.0.0.1, a loopback address"],
  ["2002:c0a8:101::1", "2002:c0a8:101::1 (6to4) embeds 192.168.1.1, a private address"],
  ["2002:7f00:1::", "2002:7f00:1:: (6to4) embeds 127.0.0.1, a loopback address"],
  ["2001:0:4136:e378::1", "2001:0:4136:e378::1 is a Teredo tunnel address"],
  ["fec0::1", "fec0::1 is a site-local (private) address"],
  ["100::1", "100::1 is a discard-only address"],
  ["4000::1", "4000::1 is a reserved address"],
  // Every spelling inet_aton and the URL parser accept for a loopback or private host.
  ["2130706433", "127.0.0.1 is a loopback address"],
  ["0x7f000001", "127.0.0.1 is a loopback address"],
  ["0x7f.0.0.1", "127.0.0.1 is a loopback address"],
  ["0177.0.0.1", "127.0.0.1 is a loopback address"],
  ["0177.0.0.01", "127.0.0.1 is a loopback address"],
  ["127.1", "127.0.0.1 is a loopback address"],
  ["127.0.1", "127.0.0.1 is a loopback address"],
  ["10.1.1", "10.1.0.1 is a private address"],
  ["0xA9.0xFE.0xA9.0xFE", "169.254.169.254 is a cloud metadata address"],
  ["0", "0.0.0.0 is an unspecified address"],
  ["127.0.0.1.", "127.0.0.1 is a loopback address"],
  ["3232235777", "192.168.1.1 is a private address"],
  ["017700000001", "127.0.0.1 is a loopback address"],
  ["0X7F.1", "127.0.0.1 is a loopback address"],
  ["0:0:0:0:0:ffff:7f00:1", "::ffff:7f00:1 (IPv4-mapped) embeds 127.0.0.1, a loopback address"],
  [
    "::ffff:100.100.100.200",
    "::ffff:6464:64c8 (IPv4-mapped) embeds 100.100.100.200, a cloud metadata address",
  ],
  ["2002:a9fe:a9fe::1", "2002:a9fe:a9fe::1 (6to4) embeds 169.254.169.254, a cloud metadata address"],
  ["::ffff:0:7f00:1", "::ffff:0:7f00:1 is a reserved address"],
  ["febf::1", "febf::1 is a link-local address"],
  ["192.0.0.170", "192.0.0.170 is a reserved protocol address"],
];

const allowed = [
  "8.8.8.8",
  "1.1.1.1",
  "93.184.216.34",
  "172.15.255.255",
  "172.32.0.1",
  "100.63.255.255",
  "100.128.0.1",
  "192.169.0.1",
  "169.253.255.255",
  "223.255.255.255",
  "2606:4700:4700::1111",
  "[2001:4860:4860::8888]",
  "::ffff:8.8.8.8",
  "64:ff9b::808:808",
  "2002:808:808::1",
  "134744072",
  "0x08080808",
  "2a00:1450:4001:80e::200e",
];

describe("checkAddress", () => {
  it.each(refused)("refuses %s", (address, reason) => {
    expect(checkAddress(address)).toEqual({ allowed: false, reason });
  });

  it.each(allowed)("allows %s", (address) => {
    expect(checkAddress(address)).toEqual({ allowed: true });
  });

  it("refuses text that is not an IP address rather than guessing", () => {
    expect(checkAddress("example.com")).toEqual({
      allowed: false,
      reason: "example.com is not an IP address",
    });
  });
});

describe("IP literal parsing", () => {
  it("rejects malformed literals", () => {
    for (const text of ["256.0.0.1", "1.2.3.4.5", "4294967296", "08.0.0.1", "1..2", "0xg", "1.256.1", ""]) {
      expect(parseIpv4Literal(text), text).toBeUndefined();
    }
    for (const text of ["1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", ":1", "::1.2.3.256", "g::1"]) {
      expect(parseIpv6Literal(text), text).toBeUndefined();
    }
  });

  it("reads the largest short forms", () => {
    expect(parseIpv4Literal("1.16777215")).toBe(0x01ffffff);
    expect(parseIpv4Literal("1.2.65535")).toBe(0x0102ffff);
    expect(parseIpv4Literal("1.2.65536")).toBeUndefined();
  });

  it("formats IPv6 in compressed form", () => {
    const parsed = parseIpLiteral("2001:0db8:0000:0000:0000:0000:0000:0001");
    expect(parsed?.family === 6 && formatIpv6(parsed.bytes)).toBe("2001:db8::1");
    const noRun = parseIpLiteral("1:0:2:0:3:0:4:0");
    expect(noRun?.family === 6 && formatIpv6(noRun.bytes)).toBe("1:0:2:0:3:0:4:0");
  });
});

describe("isAllowListed", () => {
  const allowList = ["127.0.0.1:8080", "[::1]:9000", "localhost:3000"];

  it("lets through exactly the listed host and port", () => {
    expect(isAllowListed("127.0.0.1", 8080, allowList)).toBe(true);
    expect(isAllowListed("0x7f.1", 8080, allowList)).toBe(true);
    expect(isAllowListed("::1", 9000, allowList)).toBe(true);
    expect(isAllowListed("LOCALHOST", 3000, allowList)).toBe(true);
  });

  it("keeps other ports and hosts refused", () => {
    expect(isAllowListed("127.0.0.1", 8081, allowList)).toBe(false);
    expect(isAllowListed("127.0.0.2", 8080, allowList)).toBe(false);
    expect(isAllowListed("::1", 8080, allowList)).toBe(false);
    expect(isAllowListed("localhost", 80, allowList)).toBe(false);
    expect(isAllowListed("127.0.0.1", 8080, [])).toBe(false);
  });
});
