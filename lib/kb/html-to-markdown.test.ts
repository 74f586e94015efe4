import { describe, expect, it } from "vitest";
import { htmlToMarkdown } from "./html-to-markdown.mjs";

describe("htmlToMarkdown (the knowledge base's one set of HTML → Markdown rules)", () => {
  it("writes ATX headings, fenced code, dash bullets and star emphasis", () => {
    const html =
      "<h1>Harbour</h1><h2>Tides</h2><ul><li>high</li><li><em>low</em></li></ul><pre><code>let tide = 1;</code></pre>";
    expect(htmlToMarkdown(html)).toBe(
      "# Harbour\n\n## Tides\n\n-   high\n-   *low*\n\n```\nlet tide = 1;\n```",
    );
  });

  it("keeps an image's alt text only, and drops scripts, styles and embedded objects", () => {
    const html =
      '<p>Map: <img alt="Chart of the bay" src="data:image/png;base64,AAAA"><img src="x.png"></p><script>track()</script><style>p{}</style><svg><text>logo</text></svg><object data="x.swf">flash</object>';
    expect(htmlToMarkdown(html)).toBe("Map:  Chart of the bay");
  });

  it("converts an empty page to an empty text", () => {
    expect(htmlToMarkdown("  \n ")).toBe("");
  });
});
