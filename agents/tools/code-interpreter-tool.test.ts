import { afterEach, describe, expect, it } from "vitest";
import { getEnvironment, resetEnvironmentForTests } from "@/lib/env";
import { codeInterpreterTool } from "./code-interpreter-tool";

function execute(code: string, abortSignal?: AbortSignal) {
  if (!codeInterpreterTool.execute) throw new Error("the code interpreter has no execute");
  return codeInterpreterTool.execute(
    { code },
    { toolCallId: "call-1", messages: [], context: {}, abortSignal },
  );
}

function description(): string {
  const { description } = codeInterpreterTool;
  return typeof description === "function" ? description({ context: {} }) : (description ?? "");
}

function useHelpers(value: string | undefined) {
  if (value === undefined) delete process.env.CODE_INTERPRETER_HELPERS;
  else process.env.CODE_INTERPRETER_HELPERS = value;
  resetEnvironmentForTests();
}

describe("code_interpreter tool", () => {
  afterEach(() => useHelpers(undefined));

  it("runs the code in the sandbox and returns the result and the printed lines", async () => {
    await expect(execute("console.log('sum');\n[1, 2, 3].reduce((a, b) => a + b)")).resolves.toMatchObject({
      ok: true,
      result: 6,
      logs: ["sum"],
    });
  });

  it("returns errors as values the model can read", async () => {
    await expect(execute("const x = ;")).resolves.toMatchObject({
      ok: false,
      error: { name: "SyntaxError", line: 1 },
    });
  });

  it("stops when the request is aborted", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(execute("while (true) {}", controller.signal)).resolves.toMatchObject({
      ok: false,
      error: { name: "AbortError" },
    });
  });

  it("exposes every helper by default and says so in its description", async () => {
    useHelpers(undefined);
    expect(description()).toContain("stats.median");
    expect(description()).toContain("csv.parse");
    await expect(execute("stats.median([3, 1, 2])")).resolves.toMatchObject({ ok: true, result: 2 });
  });

  it("exposes only the helpers CODE_INTERPRETER_HELPERS lists", async () => {
    useHelpers("csv");
    expect(description()).toContain("csv.parse");
    expect(description()).not.toContain("stats.");
    await expect(execute("[typeof csv, typeof stats]")).resolves.toMatchObject({
      ok: true,
      result: ["object", "undefined"],
    });
    useHelpers("none");
    expect(description()).toContain("No built-in helpers");
    await expect(execute("typeof csv")).resolves.toMatchObject({ ok: true, result: "undefined" });
  });

  it("refuses an unknown helper name at start, naming the variable", () => {
    useHelpers("stats,fs");
    expect(() => getEnvironment()).toThrow(/CODE_INTERPRETER_HELPERS: list only these helpers/);
  });
});
