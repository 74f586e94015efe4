import { describe, expect, it } from "vitest";
import { dataUrlByteLength, decodeDataUrl } from "./data-url";

describe("data URLs", () => {
  it("decodes base64 data URLs with or without parameters", () => {
    expect(decodeDataUrl("data:text/plain;base64,aGVsbG8=")).toEqual({
      mediaType: "text/plain",
      bytes: Buffer.from("hello"),
    });
    expect(decodeDataUrl("data:text/markdown;charset=utf-8;base64,aGk=")?.bytes).toEqual(Buffer.from("hi"));
    expect(decodeDataUrl("data:;base64,aGk=")?.mediaType).toBe("application/octet-stream");
  });

  it("refuses links, plain data URLs and broken base64", () => {
    for (const url of [
      "https://example.com/cat.png",
      "file:///etc/passwd",
      "data:text/plain,hello",
      "data:text/plain;base64,aGVsbG8",
      "data:text/plain;base64,a$b=",
    ]) {
      expect(decodeDataUrl(url)).toBeUndefined();
    }
  });

  it("computes the decoded size without decoding", () => {
    expect(dataUrlByteLength("data:text/plain;base64,aGVsbG8=")).toBe(5);
    expect(dataUrlByteLength("data:text/plain;base64,aGk=")).toBe(2);
    expect(dataUrlByteLength("data:text/plain;base64,aGV5")).toBe(3);
    expect(dataUrlByteLength("https://example.com/x")).toBeUndefined();
  });
});
