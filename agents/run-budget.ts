import { isStepCount, type LanguageModelUsage } from "ai";
import { getEnvironment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  runBudgetExceededAttribute,
  runBudgetLimitAttribute,
  runBudgetUsedAttribute,
} from "@/lib/trace/span-attributes";

/** The budgets of one run, each summed over the manager and every sub-agent. */
export type BudgetName = "steps" | "tokens" | "web_fetches" | "sandbox_seconds";

/** The most of each budget one run may use (`sandbox_seconds` in seconds). */
export type RunBudgetLimits = Readonly<Record<BudgetName, number>>;

/** Which budget a run went over, and the message that tells the user how to raise it. */
export interface BudgetExceeded {
  budget: BudgetName;
  limit: number;
  used: number;
  /** The environment variable that sets this budget, e.g. `RUN_MAX_WEB_FETCHES`. */
  variable: string;
  message: string;
}

const budgetTerms: Record<BudgetName, { variable: string; one: string; many: string; raise: string }> = {
  steps: { variable: "RUN_MAX_STEPS", one: "step", many: "steps", raise: "take more steps" },
  tokens: { variable: "RUN_MAX_TOKENS", one: "token", many: "tokens", raise: "use more tokens" },
  web_fetches: {
    variable: "RUN_MAX_WEB_FETCHES",
    one: "web fetch",
    many: "web fetches",
    raise: "fetch more",
  },
  sandbox_seconds: {
    variable: "RUN_MAX_SANDBOX_SECONDS",
    one: "sandbox second",
    many: "sandbox seconds",
    raise: "run code longer",
  },
};

/** The run budgets configured by RUN_MAX_STEPS, RUN_MAX_TOKENS, RUN_MAX_WEB_FETCHES and RUN_MAX_SANDBOX_SECONDS. */
export function runBudgetLimits(): RunBudgetLimits {
  const environment = getEnvironment();
  return {
    steps: environment.RUN_MAX_STEPS,
    tokens: environment.RUN_MAX_TOKENS,
    web_fetches: environment.RUN_MAX_WEB_FETCHES,
    sandbox_seconds: environment.RUN_MAX_SANDBOX_SECONDS,
  };
}

/** "This run used its budget of 30 web fetches (RUN_MAX_WEB_FETCHES). Raise RUN_MAX_WEB_FETCHES to …" */
export function describeBudgetExceeded(budget: BudgetName, limit: number): string {
  const terms = budgetTerms[budget];
  const amount = `${limit.toLocaleString("en")} ${limit === 1 ? terms.one : terms.many}`;
  return `This run used its budget of ${amount} (${terms.variable}). Raise ${terms.variable} to let runs ${terms.raise}.`;
}

/**
 * What one run may spend: model steps and tokens of all its agents, web fetches and sandbox time.
 * Made per run and shared through `AgentRunContext`. The first time the run goes over a budget
 * (a count passes its limit, or something asks for more of a budget that is spent) it is recorded
 * as `exceeded` and `onExceeded` is called, once: every later refusal repeats that budget's message.
 */
export class RunBudget {
  readonly limits: RunBudgetLimits;
  private readonly onExceeded: ((exceeded: BudgetExceeded) => void) | undefined;
  private readonly used: Record<BudgetName, number> = {
    steps: 0,
    tokens: 0,
    web_fetches: 0,
    sandbox_seconds: 0,
  };
  private firstExceeded: BudgetExceeded | undefined;

  constructor(limits: RunBudgetLimits, options: { onExceeded?: (exceeded: BudgetExceeded) => void } = {}) {
    this.limits = limits;
    this.onExceeded = options.onExceeded;
  }

  /** The budget the run went over first, if any. */
  get exceeded(): BudgetExceeded | undefined {
    return this.firstExceeded;
  }

  /** How much of a budget the run has used so far (`sandbox_seconds` in seconds). */
  usage(budget: BudgetName): number {
    return this.used[budget];
  }

  /** Counts one finished model step of any agent of the run, and its input and output tokens. */
  recordStep(usage: Pick<LanguageModelUsage, "inputTokens" | "outputTokens">): void {
    this.spend("steps", 1);
    this.spend("tokens", (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0));
  }

  /** Counts one page visit or web search about to start; throws, without counting, when none is left. */
  startWebFetch(): void {
    this.assertAvailable("web_fetches");
    this.spend("web_fetches", 1);
  }

  /** The sandbox time left to the run, in whole milliseconds (rounded up): the most the next execution may run. */
  remainingSandboxMs(): number {
    return Math.max(0, Math.ceil((this.limits.sandbox_seconds - this.used.sandbox_seconds) * 1000));
  }

  /** Counts the wall-clock time of one code interpreter execution. */
  recordSandboxTime(durationMs: number): void {
    this.spend("sandbox_seconds", durationMs / 1000);
  }

  /**
   * For work about to start: throws an AppError "budget_exceeded" with the budget's message when
   * this budget is spent (which counts as going over it) or the run already went over another one.
   */
  assertAvailable(budget: BudgetName): void {
    if (!this.firstExceeded && this.used[budget] >= this.limits[budget]) this.exceed(budget);
    if (this.firstExceeded) throw new AppError("budget_exceeded", this.firstExceeded.message);
  }

  /**
   * Whether the agents of the run must stop instead of taking another step: a budget was exceeded,
   * or the steps or tokens are spent (the step the loop asks for would go over, so that is recorded).
   */
  shouldStopAgents(): boolean {
    for (const budget of ["steps", "tokens"] as const) {
      if (!this.firstExceeded && this.used[budget] >= this.limits[budget]) this.exceed(budget);
    }
    return this.firstExceeded !== undefined;
  }

  private spend(budget: BudgetName, amount: number): void {
    this.used[budget] += amount;
    if (!this.firstExceeded && this.used[budget] > this.limits[budget]) this.exceed(budget);
  }

  private exceed(budget: BudgetName): void {
    const limit = this.limits[budget];
    this.firstExceeded = {
      budget,
      limit,
      used: Number(this.used[budget].toFixed(2)),
      variable: budgetTerms[budget].variable,
      message: describeBudgetExceeded(budget, limit),
    };
    this.onExceeded?.(this.firstExceeded);
  }
}

/**
 * The loop settings of every agent of a run: it stops at its own `maxSteps` or when the run's
 * budget is spent, and each of its steps counts toward the run's steps and tokens.
 */
export function budgetedAgentLoop(budget: RunBudget, maxSteps: number) {
  return {
    stopWhen: [isStepCount(maxSteps), () => budget.shouldStopAgents()],
    onStepEnd: (step: { usage: LanguageModelUsage }) => budget.recordStep(step.usage),
  };
}

/** Records on a run's root span (`RunTrace` or an OpenTelemetry span) which budget ended the run. */
export function recordBudgetExceeded(
  span: { setAttribute(name: string, value: string | number): unknown },
  exceeded: BudgetExceeded,
): void {
  span.setAttribute(runBudgetExceededAttribute, exceeded.budget);
  span.setAttribute(runBudgetLimitAttribute, exceeded.limit);
  span.setAttribute(runBudgetUsedAttribute, exceeded.used);
}
