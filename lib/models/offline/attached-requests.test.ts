import { describe, expect, it } from "vitest";
import { classifyRequest } from "./request-splitter";

describe("requests about attached files", () => {
  it.each([
    ["Describe the attached image", "knowledge"],
    ["What colours are in the attached picture?", "knowledge"],
    ["What does the attached file say about the launch?", "knowledge"],
    ["Summarise my attachments", "knowledge"],
    ["Draw a poster in the style of the attached image", "image"],
    ["Describe the image of a fox", "image"],
  ])("classifies %s as %s", (text, kind) => {
    expect(classifyRequest(text)).toBe(kind);
  });
});
