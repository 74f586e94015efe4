import { describe, expect, it } from "vitest";
import { getEnvironment, resetEnvironmentForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  type BudgetExceeded,
  describeBudgetExceeded,
  RunBudget,
  type RunBudgetLimits,
  recordBudgetExceeded,
  runBudgetLimits,
} from "./run-budget";

const limits: RunBudgetLimits = { steps: 3, tokens: 100, web_fetches: 2, sandbox_seconds: 1 };

function createBudget(overrides: Partial<RunBudgetLimits> = {}) {
  const reported: BudgetExceeded[] = [];
  const budget = new RunBudget(
    { ...limits, ...overrides },
    { onExceeded: (exceeded) => reported.push(exceeded) },
  );
  return { budget, reported };
}

function step(inputTokens: number | undefined, outputTokens: number | undefined) {
  return { inputTokens, outputTokens };
}

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

describe("RunBudget", () => {
  it("counts steps and their input and output tokens", () => {
    const { budget, reported } = createBudget();
    budget.recordStep(step(10, 5));
    budget.recordStep(step(20, undefined));
    expect(budget.usage("steps")).toBe(2);
    expect(budget.usage("tokens")).toBe(35);
    expect(budget.exceeded).toBeUndefined();
    expect(reported).toEqual([]);
  });

  it("reports the first budget that goes over its limit, once", () => {
    const { budget, reported } = createBudget();
    budget.recordStep(step(60, 30));
    expect(budget.exceeded).toBeUndefined();
    budget.recordStep(step(10, 5));
    const tokens = {
      budget: "tokens",
      limit: 100,
      used: 105,
      variable: "RUN_MAX_TOKENS",
      message:
        "This run used its budget of 100 tokens (RUN_MAX_TOKENS). Raise RUN_MAX_TOKENS to let runs use more tokens.",
    };
    expect(budget.exceeded).toEqual(tokens);
    expect(reported).toEqual([tokens]);
    budget.recordStep(step(10, 5));
    budget.recordStep(step(10, 5));
    expect(budget.usage("steps")).toBe(4);
    expect(budget.exceeded).toEqual(tokens);
    expect(reported).toHaveLength(1);
  });

  it("refuses work on a spent budget, which counts as going over it, and then every other work too", () => {
    const { budget, reported } = createBudget();
    budget.startWebFetch();
    budget.startWebFetch();
    expect(budget.usage("web_fetches")).toBe(2);
    expect(budget.exceeded).toBeUndefined();
    const message =
      "This run used its budget of 2 web fetches (RUN_MAX_WEB_FETCHES). Raise RUN_MAX_WEB_FETCHES to let runs fetch more.";
    const refusal = thrown(() => budget.startWebFetch());
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: "budget_exceeded", message });
    expect(budget.usage("web_fetches")).toBe(2);
    expect(reported).toEqual([
      { budget: "web_fetches", limit: 2, used: 2, variable: "RUN_MAX_WEB_FETCHES", message },
    ]);
    // The run is over: the sandbox, with all its time left, refuses with the budget that ended it.
    expect(() => budget.assertAvailable("sandbox_seconds")).toThrow(message);
    expect(reported).toHaveLength(1);
  });

  it("lets agents take steps until the steps are spent, then stops them and records it", () => {
    const { budget, reported } = createBudget();
    for (let index = 0; index < 3; index++) {
      expect(budget.shouldStopAgents()).toBe(false);
      budget.recordStep(step(1, 1));
    }
    expect(reported).toEqual([]);
    expect(budget.shouldStopAgents()).toBe(true);
    expect(reported).toEqual([expect.objectContaining({ budget: "steps", limit: 3, used: 3 })]);
    expect(reported[0].message).toBe(
      "This run used its budget of 3 steps (RUN_MAX_STEPS). Raise RUN_MAX_STEPS to let runs take more steps.",
    );
  });

  it("stops agents when the tokens are spent exactly, and when another budget went over", () => {
    const spentTokens = createBudget();
    spentTokens.budget.recordStep(step(50, 50));
    expect(spentTokens.budget.exceeded).toBeUndefined();
    expect(spentTokens.budget.shouldStopAgents()).toBe(true);
    expect(spentTokens.budget.exceeded?.budget).toBe("tokens");

    const spentFetches = createBudget({ web_fetches: 1 });
    spentFetches.budget.startWebFetch();
    expect(spentFetches.budget.shouldStopAgents()).toBe(false);
    expect(() => spentFetches.budget.startWebFetch()).toThrow("RUN_MAX_WEB_FETCHES");
    expect(spentFetches.budget.shouldStopAgents()).toBe(true);
    expect(spentFetches.reported.map((exceeded) => exceeded.budget)).toEqual(["web_fetches"]);
  });

  it("counts sandbox time in seconds and gives what is left in milliseconds", () => {
    const { budget, reported } = createBudget({ sandbox_seconds: 2 });
    expect(budget.remainingSandboxMs()).toBe(2000);
    budget.recordSandboxTime(1250);
    expect(budget.usage("sandbox_seconds")).toBe(1.25);
    expect(budget.remainingSandboxMs()).toBe(750);
    budget.assertAvailable("sandbox_seconds");
    budget.recordSandboxTime(800);
    expect(budget.remainingSandboxMs()).toBe(0);
    expect(reported).toEqual([
      {
        budget: "sandbox_seconds",
        limit: 2,
        used: 2.05,
        variable: "RUN_MAX_SANDBOX_SECONDS",
        message:
          "This run used its budget of 2 sandbox seconds (RUN_MAX_SANDBOX_SECONDS). Raise RUN_MAX_SANDBOX_SECONDS to let runs run code longer.",
      },
    ]);
  });

  it("describes each budget with its variable, in the singular for one", () => {
    expect(describeBudgetExceeded("tokens", 1_000_000)).toBe(
      "This run used its budget of 1,000,000 tokens (RUN_MAX_TOKENS). Raise RUN_MAX_TOKENS to let runs use more tokens.",
    );
    expect(describeBudgetExceeded("steps", 1)).toContain("budget of 1 step (RUN_MAX_STEPS)");
  });
});

describe("runBudgetLimits", () => {
  it("reads the four RUN_MAX_ variables, with their defaults", () => {
    resetEnvironmentForTests();
    expect(runBudgetLimits()).toEqual({ steps: 40, tokens: 1_000_000, web_fetches: 30, sandbox_seconds: 60 });
    process.env.RUN_MAX_WEB_FETCHES = "5";
    resetEnvironmentForTests();
    expect(runBudgetLimits().web_fetches).toBe(5);
    process.env.RUN_MAX_WEB_FETCHES = "0";
    resetEnvironmentForTests();
    expect(() => getEnvironment()).toThrow(/RUN_MAX_WEB_FETCHES/);
    delete process.env.RUN_MAX_WEB_FETCHES;
    resetEnvironmentForTests();
  });
});

describe("recordBudgetExceeded", () => {
  it("sets which budget ended the run, its limit and what was used on the span", () => {
    const attributes: Record<string, string | number> = {};
    const { budget } = createBudget();
    budget.recordStep(step(200, 0));
    if (!budget.exceeded) throw new Error("the token budget should be exceeded");
    recordBudgetExceeded({ setAttribute: (name, value) => (attributes[name] = value) }, budget.exceeded);
    expect(attributes).toEqual({
      "app.run.budget.exceeded": "tokens",
      "app.run.budget.limit": 100,
      "app.run.budget.used": 200,
    });
  });
});
