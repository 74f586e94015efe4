import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { citationTargets, numberSources, type SourcePart } from "@/lib/chat/source-references";
import { Markdown } from "./markdown";

const sources: SourcePart[] = [
  {
    type: "source-document",
    sourceId: "document:d1",
    mediaType: "text/plain",
    title: "harbour-rules.md",
    providerMetadata: { knowledgeBase: { reference: 1, url: "/knowledge/d1?passage=3#chunk-3" } },
  },
  {
    type: "source-url",
    sourceId: "https://fest.example/",
    url: "https://fest.example/",
    title: 'Fest <script>alert("x")</script>',
    providerMetadata: { web: { reference: 2 } },
  },
];

function render(text: string, parts: SourcePart[] = sources) {
  return renderToStaticMarkup(<Markdown citations={citationTargets(numberSources(parts))}>{text}</Markdown>);
}

describe("Markdown citations", () => {
  it("links [n] to the n-th source: a passage in place, a web page in a new tab", () => {
    const html = render("Anchor at the buoy [1]. Tickets cost 18 euros [2].");
    expect(html).toContain(
      '<a href="/knowledge/d1?passage=3#chunk-3" class="text-sky-700 underline" aria-label="Source 1: harbour-rules.md" data-citation="1">[1]</a>',
    );
    expect(html).toMatch(
      /<a href="https:\/\/fest\.example\/" target="_blank" rel="noopener noreferrer nofollow" [^>]*aria-label="Source 2: Fest &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;"[^>]*>\[2\]<\/a>/,
    );
    expect(html).not.toContain("<script>");
  });

  it("links each number of [1][2] and [1, 2], and leaves a number without a source as text", () => {
    const html = render("Both [1][2]. Together [1, 2, 7]. Missing [7].");
    expect(html.match(/aria-label="Source 1: /g)).toHaveLength(2);
    expect(html.match(/aria-label="Source 2: /g)).toHaveLength(2);
    expect(html).toContain('data-citation="2">2</a>, 7]');
    expect(html).toContain("Missing [7].");
    expect(html).not.toContain("Source 7");
  });

  it("leaves [n] in inline code, code blocks and links alone", () => {
    const html = render("Read `rows[1]` and [the rules [1]](https://x.example/).\n\n```\nrows[2]\n```");
    expect(html).toContain("<code>rows[1]</code>");
    expect(html).toContain("rows[2]\n</code>");
    expect(html).not.toContain("data-citation");
  });

  it("shows model text as text: HTML in it is escaped, links around it are checked", () => {
    const html = render('<img src=x onerror="alert(1)"> [1] [x](javascript:alert(1))');
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain('aria-label="Source 1: harbour-rules.md"');
    expect(html).not.toContain("javascript:");
  });

  it("renders [n] as plain text when the answer has no sources", () => {
    expect(render("Cited [1].", [])).not.toContain("<a ");
    expect(renderToStaticMarkup(<Markdown>{"Cited [1]."}</Markdown>)).toContain("Cited [1].");
  });
});
