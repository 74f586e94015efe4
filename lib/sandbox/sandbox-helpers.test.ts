import { describe, expect, it } from "vitest";
import { runJavaScript } from "./run-javascript";
import { sandboxHelperNames } from "./sandbox-helper-catalog";

const allHelpers = sandboxHelperNames;

describe("sandbox helpers", () => {
  it("defines every catalogued helper, and only the ones asked for", async () => {
    const probe = `[${sandboxHelperNames.map((name) => `typeof ${name}`).join(", ")}]`;
    expect(await runJavaScript(probe, { helpers: allHelpers })).toMatchObject({
      ok: true,
      result: sandboxHelperNames.map(() => "object"),
    });
    expect(await runJavaScript(probe, { helpers: ["csv"] })).toMatchObject({
      ok: true,
      result: sandboxHelperNames.map((name) => (name === "csv" ? "object" : "undefined")),
    });
    expect(await runJavaScript(probe)).toMatchObject({
      ok: true,
      result: sandboxHelperNames.map(() => "undefined"),
    });
  });

  it("computes descriptive statistics", async () => {
    const outcome = await runJavaScript(
      "const xs = [2, 4, 4, 4, 5, 5, 7, 9];\n({ sum: stats.sum(xs), mean: stats.mean(xs), median: stats.median(xs), mode: stats.mode(xs), min: stats.min(xs), max: stats.max(xs), stdev: stats.stdev(xs), sample: stats.variance([1, 2, 3, 4], { sample: true }), q: stats.quantile([1, 2, 3, 4, 5], 0.25) })",
      { helpers: ["stats"] },
    );
    expect(outcome).toMatchObject({
      ok: true,
      result: { sum: 40, mean: 5, median: 4.5, mode: 4, min: 2, max: 9, stdev: 2, q: 2 },
    });
    if (outcome.ok) expect((outcome.result as { sample: number }).sample).toBeCloseTo(1.6667, 4);
  });

  it("fits a line and measures correlation", async () => {
    const outcome = await runJavaScript(
      "const xs = [1, 2, 3, 4];\nconst ys = xs.map((x) => 3 * x + 1);\n({ fit: stats.linearRegression(xs, ys), r: stats.correlation(xs, ys) })",
      { helpers: ["stats"] },
    );
    expect(outcome).toMatchObject({ ok: true, result: { fit: { slope: 3, intercept: 1 }, r: 1 } });
  });

  it("reports bad input to a helper at the line of the snippet that called it", async () => {
    const outcome = await runJavaScript("const values = [1, 'two'];\n\nstats.mean(values)", {
      helpers: ["stats"],
    });
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        name: "TypeError",
        line: 3,
        message: expect.stringContaining('finite numbers only, but got "two"'),
      },
    });
  });

  it("parses CSV with quotes, line breaks in fields, numbers and another delimiter", async () => {
    const outcome = await runJavaScript(
      'const text = "city,population,note\\r\\nOslo,709000,\\"capital, Norway\\"\\nBergen,291000,\\"says \\"\\"hi\\"\\"\\nthere\\"\\n";\n({ rows: csv.parse(text), raw: csv.parse("a;b\\n1;2", { delimiter: ";", header: false, numbers: false }) })',
      { helpers: ["csv"] },
    );
    expect(outcome).toMatchObject({
      ok: true,
      result: {
        rows: [
          { city: "Oslo", population: 709000, note: "capital, Norway" },
          { city: "Bergen", population: 291000, note: 'says "hi"\nthere' },
        ],
        raw: [
          ["a", "b"],
          ["1", "2"],
        ],
      },
    });
  });

  it("writes CSV that parses back to the same rows", async () => {
    const outcome = await runJavaScript(
      "const rows = [{ name: 'A, B', quote: 'say \"x\"', n: 1 }, { name: 'C', n: 2 }];\nconst text = csv.stringify(rows);\n({ text, back: csv.parse(text) })",
      { helpers: ["csv"] },
    );
    expect(outcome).toMatchObject({
      ok: true,
      result: {
        text: 'name,quote,n\n"A, B","say ""x""",1\nC,,2',
        back: [
          { name: "A, B", quote: 'say "x"', n: 1 },
          { name: "C", quote: "", n: 2 },
        ],
      },
    });
  });

  it("reports an unclosed quote", async () => {
    const outcome = await runJavaScript('csv.parse("a,b\\n\\"open,2")', { helpers: ["csv"] });
    expect(outcome).toMatchObject({
      ok: false,
      error: { name: "SyntaxError", message: expect.stringContaining("never closed") },
    });
  });

  it("keeps helpers read-only, so a snippet cannot replace them", async () => {
    const outcome = await runJavaScript(
      "stats.mean = () => 'replaced';\nglobalThis.stats = null;\ndelete globalThis.csv;\n[stats.mean([1, 3]), typeof csv, Object.isFrozen(stats.mean)]",
      { helpers: allHelpers },
    );
    expect(outcome).toMatchObject({ ok: true, result: [2, "object", true] });
  });

  it("refuses a helper name that does not exist", async () => {
    await expect(runJavaScript("1", { helpers: ["fs" as never] })).rejects.toMatchObject({
      code: "sandbox_error",
      message: expect.stringContaining('no sandbox helper named "fs"'),
    });
  });
});
