import dns from "node:dns";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { assertFetchableUrl, resolveCheckedAddresses } from "./destination";

type Answer = { address: string; family: number };

function resolvesTo(...answers: Answer[]) {
  return vi.spyOn(dns.promises, "lookup").mockResolvedValue(answers as never);
}

const signal = new AbortController().signal;
const check = (url: string, allowList: string[] = []) =>
  resolveCheckedAddresses(new URL(url), allowList, signal);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("resolveCheckedAddresses", () => {
  it("lets a name through when every address it resolves to is public", async () => {
    resolvesTo({ address: "93.184.216.34", family: 4 }, { address: "2606:2800:220:1::1", family: 6 });
    await expect(check("https://example.test/page")).resolves.toEqual([
      { address: "93.184.216.34", family: 4 },
      { address: "2606:2800:220:1::1", family: 6 },
    ]);
  });

  it("refuses the whole name when one of its answers is private (a mixed answer is no escape)", async () => {
    resolvesTo({ address: "93.184.216.34", family: 4 }, { address: "10.0.0.5", family: 4 });
    await expect(check("https://mixed.test/")).rejects.toMatchObject({
      code: "web_refused",
      message: "refused: 10.0.0.5 is a private address (mixed.test resolves to it)",
      host: "mixed.test",
      port: 443,
    });
  });

  it("checks IPv6 answers, IPv4-mapped ones included, and names the metadata address", async () => {
    resolvesTo({ address: "::ffff:169.254.169.254", family: 6 });
    await expect(check("http://metadata.test/")).rejects.toThrow(
      "refused: ::ffff:a9fe:a9fe (IPv4-mapped) embeds 169.254.169.254, a cloud metadata address (metadata.test resolves to it)",
    );
    resolvesTo({ address: "fe80::1", family: 6 });
    await expect(check("http://link.test/")).rejects.toThrow("fe80::1 is a link-local address");
  });

  it("does not resolve an IPv6 literal, and refuses it by its own address", async () => {
    const lookup = resolvesTo();
    await expect(check("http://[::1]:8080/")).rejects.toThrow("refused: ::1 is a loopback address");
    expect(lookup).not.toHaveBeenCalled();
  });

  it("lets through exactly the host:port or address:port that WEB_FETCH_ALLOW lists", async () => {
    resolvesTo({ address: "127.0.0.1", family: 4 });
    await expect(check("http://searxng.test:8888/", ["searxng.test:8888"])).resolves.toHaveLength(1);
    await expect(check("http://searxng.test:8888/", ["127.0.0.1:8888"])).resolves.toHaveLength(1);
    await expect(check("http://searxng.test:8889/", ["searxng.test:8888"])).rejects.toThrow(
      "refused: 127.0.0.1 is a loopback address (searxng.test resolves to it)",
    );
  });

  it("reports a name that does not resolve as unreachable, not refused", async () => {
    vi.spyOn(dns.promises, "lookup").mockRejectedValue(
      Object.assign(new Error("nope"), { code: "ENOTFOUND" }),
    );
    await expect(check("https://nowhere.test/")).rejects.toMatchObject({
      code: "web_unreachable",
      message: "could not reach nowhere.test: the name does not resolve to any address",
    });
  });
});

describe("assertFetchableUrl", () => {
  it.each([
    ["file:///etc/passwd", "file addresses cannot be fetched; only http and https"],
    ["gopher://127.0.0.1:70/_x", "gopher addresses cannot be fetched"],
    ["ftp://example.com/", "ftp addresses cannot be fetched"],
    ["data:text/html,hi", "data addresses cannot be fetched"],
    ["javascript:alert(1)", "javascript addresses cannot be fetched"],
    ["http://user:secret@example.com/", "the address contains a user name or password"],
  ])("refuses %s", (url, reason) => {
    expect(() => assertFetchableUrl(new URL(url))).toThrow(AppError);
    expect(() => assertFetchableUrl(new URL(url))).toThrow(`refused: ${reason}`);
  });

  it("accepts plain http and https", () => {
    expect(() => assertFetchableUrl(new URL("https://example.com/a?b=c"))).not.toThrow();
    expect(() => assertFetchableUrl(new URL("http://example.com:8080/"))).not.toThrow();
  });
});
