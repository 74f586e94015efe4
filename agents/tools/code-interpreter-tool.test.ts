import { describe, expect, it } from "vitest";
import { codeInterpreterTool } from "./code-interpreter-tool";

function execute(code: string, abortSignal?: AbortSignal) {
  if (!codeInterpreterTool.execute) throw new Error("the code interpreter has no execute");
  return codeInterpreterTool.execute(
    { code },
    { toolCallId: "call-1", messages: [], context: {}, abortSignal },
  );
}

describe("code_interpreter tool", () => {
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
});
