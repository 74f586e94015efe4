import { type BudgetExceeded, RunBudget, type RunBudgetLimits, runBudgetLimits } from "./run-budget";

/** A run budget for tests: the configured limits, with the given ones replaced. */
export function createTestBudget(
  limits: Partial<RunBudgetLimits> = {},
  onExceeded?: (exceeded: BudgetExceeded) => void,
): RunBudget {
  return new RunBudget({ ...runBudgetLimits(), ...limits }, { onExceeded });
}
