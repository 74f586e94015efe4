import { describe, expect, it } from "vitest";
import { buildZipArchive } from "./fixture-documents";
import { packStoredZip } from "./stored-zip";
import { listZipEntries, unpackZipEntries, ZipLimitError } from "./zip-archive";

const encode = (text: string) => new TextEncoder().encode(text);
const everything = () => true;

function limitError(run: () => unknown): ZipLimitError {
  try {
    run();
  } catch (error) {
    if (error instanceof ZipLimitError) return error;
    throw error;
  }
  throw new Error("the archive was unpacked");
}

describe("unpackZipEntries", () => {
  it("unpacks deflated entries and skips the ones not asked for", () => {
    const archive = buildZipArchive([
      { name: "word/document.xml", data: encode("<w:document/>") },
      { name: "word/media/image1.png", data: new Uint8Array(1000) },
    ]);
    const files = unpackZipEntries(archive, {
      maxExpandedBytes: 1024,
      maxEntries: 10,
      include: (name) => name.endsWith(".xml"),
    });
    expect([...files.keys()]).toEqual(["word/document.xml"]);
    expect(new TextDecoder().decode(files.get("word/document.xml"))).toBe("<w:document/>");
  });

  it("stops a bomb while inflating, even when its directory claims a tiny size", () => {
    const bomb = buildZipArchive([
      { name: "word/document.xml", data: new Uint8Array(8 * 1024 * 1024), claimedSize: 100 },
    ]);
    expect(bomb.byteLength).toBeLessThan(20_000);
    expect(listZipEntries(bomb)?.[0].uncompressedSize).toBe(100);
    const error = limitError(() =>
      unpackZipEntries(bomb, { maxExpandedBytes: 1024 * 1024, maxEntries: 10, include: everything }),
    );
    expect(error.reason).toBe("too_large");
  });

  it("counts the limit across all entries", () => {
    const archive = buildZipArchive(
      Array.from({ length: 5 }, (_, index) => ({ name: `part${index}.xml`, data: new Uint8Array(300_000) })),
    );
    expect(
      limitError(() =>
        unpackZipEntries(archive, { maxExpandedBytes: 1_000_000, maxEntries: 10, include: everything }),
      ).reason,
    ).toBe("too_large");
    expect(
      unpackZipEntries(archive, { maxExpandedBytes: 1_500_000, maxEntries: 10, include: everything }).size,
    ).toBe(5);
    expect(
      limitError(() =>
        unpackZipEntries(archive, { maxExpandedBytes: 1_500_000, maxEntries: 4, include: everything }),
      ).reason,
    ).toBe("too_large");
  });

  it("refuses a damaged archive", () => {
    const archive = buildZipArchive([{ name: "a.xml", data: encode("hello") }]);
    expect(
      limitError(() =>
        unpackZipEntries(archive.subarray(0, 20), {
          maxExpandedBytes: 100,
          maxEntries: 10,
          include: everything,
        }),
      ).reason,
    ).toBe("damaged");
    const corrupted = new Uint8Array(archive);
    corrupted.fill(0xff, 30, 36);
    expect(
      limitError(() =>
        unpackZipEntries(corrupted, { maxExpandedBytes: 100, maxEntries: 10, include: everything }),
      ).reason,
    ).toBe("damaged");
  });
});

describe("packStoredZip", () => {
  it("packs files that unpack to the same bytes", () => {
    const files = new Map([
      ["[Content_Types].xml", encode("<Types/>")],
      ["word/document.xml", encode("<w:document>text</w:document>")],
    ]);
    const unpacked = unpackZipEntries(packStoredZip(files), {
      maxExpandedBytes: 1000,
      maxEntries: 10,
      include: everything,
    });
    const decoder = new TextDecoder();
    expect([...unpacked].map(([name, data]) => [name, decoder.decode(data)])).toEqual(
      [...files].map(([name, data]) => [name, decoder.decode(data)]),
    );
  });
});
