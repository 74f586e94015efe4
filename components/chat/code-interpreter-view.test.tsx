import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CodeInterpreterView } from "./code-interpreter-view";
import type { ToolPartView } from "./tool-part";

function render(output: unknown, code = "const a = 1\nnull.x\na") {
  const part: ToolPartView = {
    type: "tool-code_interpreter",
    toolCallId: "call-1",
    state: "output-available",
    input: { code },
    output,
  };
  return renderToStaticMarkup(<CodeInterpreterView part={part} />);
}

describe("CodeInterpreterView", () => {
  it("numbers the code and marks the line an error names", () => {
    const html = render({
      ok: false,
      error: { name: "TypeError", message: "cannot read property 'x' of null", line: 2 },
      logs: [],
    });
    expect(html).toMatch(/<span data-failed-line=""[^>]*>.*?>2<\/span>.*?null\.x/);
    expect(html.match(/data-failed-line/g)).toHaveLength(1);
    expect(html).toContain("TypeError: cannot read property &#x27;x&#x27; of null (line 2)");
  });

  it("shows printed lines and a structured result as formatted JSON", () => {
    const html = render({ ok: true, result: { mean: 14, rows: [1, 2] }, logs: ["3 rows"], durationMs: 12 });
    expect(html).toContain('aria-label="Printed output"');
    expect(html).toContain("3 rows");
    expect(html).toContain(JSON.stringify({ mean: 14, rows: [1, 2] }, null, 2).replaceAll('"', "&quot;"));
    expect(html).toContain("12 ms");
    expect(html).not.toContain("data-failed-line");
  });

  it("shows a plain result inline", () => {
    expect(render({ ok: true, result: 84, logs: [] })).toMatch(/Result: <output[^>]*>84<\/output>/);
  });
});
