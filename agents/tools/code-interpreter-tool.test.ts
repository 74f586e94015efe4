import { afterEach, describe, expect, it } from "vitest";
import { getEnvironment, resetEnvironmentForTests } from "@/lib/env";
import type { BudgetExceeded, RunBudget } from "../run-budget";
import { createTestBudget } from "../test-budget";
import { createCodeInterpreterTool } from "./code-interpreter-tool";

function execute(code: string, abortSignal?: AbortSignal, budget: RunBudget = createTestBudget()) {
  const codeInterpreter = createCodeInterpreterTool({ budget });
  if (!codeInterpreter.execute) throw new Error("the code interpreter has no execute");
  return codeInterpreter.execute({ code }, { toolCallId: "call-1", messages: [], context: {}, abortSignal });
}

function description(): string {
  const { description } = createCodeInterpreterTool({ budget: createTestBudget() });
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

  it("counts each execution's time toward the run's sandbox seconds", async () => {
    const budget = createTestBudget({ sandbox_seconds: 60 });
    await execute("1 + 1", undefined, budget);
    await execute("2 + 2", undefined, budget);
    expect(budget.usage("sandbox_seconds")).toBeGreaterThan(0);
    expect(budget.usage("sandbox_seconds")).toBeLessThan(5);
    expect(budget.exceeded).toBeUndefined();
  });

  it("cuts an endless loop where the run's sandbox seconds run out, then refuses to run more", async () => {
    const reported: BudgetExceeded[] = [];
    const budget = createTestBudget({ sandbox_seconds: 1 }, (exceeded) => reported.push(exceeded));
    const message =
      "This run used its budget of 1 sandbox second (RUN_MAX_SANDBOX_SECONDS). Raise RUN_MAX_SANDBOX_SECONDS to let runs run code longer.";
    const startedAt = performance.now();
    await expect(execute("while (true) {}", undefined, budget)).rejects.toMatchObject({
      code: "budget_exceeded",
      message,
    });
    const elapsedMs = performance.now() - startedAt;
    // Cut at the 1 s left, well before the sandbox's own 5 s limit.
    expect(elapsedMs).toBeGreaterThanOrEqual(1000);
    expect(elapsedMs).toBeLessThan(3000);
    expect(reported).toEqual([expect.objectContaining({ budget: "sandbox_seconds", limit: 1, message })]);
    expect(budget.remainingSandboxMs()).toBe(0);

    await expect(execute("1 + 1", undefined, budget)).rejects.toThrow(message);
    expect(reported).toHaveLength(1);
  });

  it("keeps the sandbox's own 5 s limit, returned as a value, when the run has more time left", async () => {
    const budget = createTestBudget({ sandbox_seconds: 60 });
    await expect(execute("while (true) {}", undefined, budget)).resolves.toMatchObject({
      ok: false,
      error: { name: "TimeoutError", message: expect.stringContaining("longer than 5 s") },
    });
    expect(budget.exceeded).toBeUndefined();
  });

  it("gives an execution only the sandbox time the run has left", async () => {
    const budget = createTestBudget({ sandbox_seconds: 2 });
    budget.recordSandboxTime(1500);
    const startedAt = performance.now();
    await expect(execute("while (true) {}", undefined, budget)).rejects.toThrow("RUN_MAX_SANDBOX_SECONDS");
    expect(performance.now() - startedAt).toBeLessThan(1500);
    expect(budget.exceeded).toMatchObject({ budget: "sandbox_seconds", limit: 2 });
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
