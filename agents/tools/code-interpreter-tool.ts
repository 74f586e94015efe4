import { tool } from "ai";
import { z } from "zod";
import type { RunBudget } from "@/agents/run-budget";
import { getEnvironment } from "@/lib/env";
import { runJavaScript } from "@/lib/sandbox/run-javascript";
import { type SandboxHelperName, sandboxHelperCatalog } from "@/lib/sandbox/sandbox-helper-catalog";

/** The sandbox's own limit for one execution; the run's remaining sandbox seconds can only shorten it. */
const sandboxTimeoutMs = 5_000;

const baseDescription = [
  "Runs a JavaScript snippet (JavaScript only, not Python or TypeScript) in an isolated sandbox and returns",
  "its result. Use it for arithmetic, data processing, dates, string manipulation and checking logic.",
  "The value of the last expression is the result (top-level `return` and `await` also work).",
  "Print intermediate values with console.log; the printed lines are returned as `logs`.",
  "There is no network, no file system, no timers, no modules (no require or import) and no environment;",
  "the code must finish within 5 s and 64 MB of memory. Errors come back with their line number: fix and retry.",
].join(" ");

/** The tool description, listing the helpers CODE_INTERPRETER_HELPERS exposes. */
export function describeCodeInterpreter(helpers: readonly SandboxHelperName[]): string {
  if (helpers.length === 0) return `${baseDescription} No built-in helpers are available.`;
  const lines = helpers.map((name) => `- ${sandboxHelperCatalog[name]}`);
  return `${baseDescription}\nBuilt-in helpers, already defined as globals (no import needed):\n${lines.join("\n")}`;
}

/**
 * `code_interpreter`, made per run: runs JavaScript in the QuickJS sandbox with the configured
 * helpers. Errors in the code come back as `{ ok: false, error }` values rather than thrown errors,
 * because the model has to read them to correct its code; Stop reaches the sandbox through the abort
 * signal. Every execution counts toward the run's sandbox seconds and is cut where they run out; a
 * spent budget is thrown, since no change to the code would help.
 */
export function createCodeInterpreterTool({ budget }: { budget: RunBudget }) {
  return tool({
    description: () => describeCodeInterpreter(getEnvironment().CODE_INTERPRETER_HELPERS),
    inputSchema: z.object({
      code: z
        .string()
        .min(1)
        .max(100_000)
        .describe(
          "Complete JavaScript source to run, e.g. `const xs = [3, 1, 2];\\nconsole.log(xs.length);\\nxs.sort()`. The last expression's value is returned.",
        ),
    }),
    execute: async ({ code }, { abortSignal }) => {
      budget.assertAvailable("sandbox_seconds");
      const timeoutMs = Math.min(sandboxTimeoutMs, budget.remainingSandboxMs());
      const result = await runJavaScript(code, {
        signal: abortSignal,
        timeoutMs,
        helpers: getEnvironment().CODE_INTERPRETER_HELPERS,
      });
      const cutByBudget = timeoutMs < sandboxTimeoutMs && !result.ok && result.error.name === "TimeoutError";
      // A cut execution ran for all the time the run had left, however its end was measured.
      budget.recordSandboxTime(cutByBudget ? Math.max(result.durationMs, timeoutMs) : result.durationMs);
      if (cutByBudget) budget.assertAvailable("sandbox_seconds");
      return result;
    },
  });
}
