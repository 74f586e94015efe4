import { tool } from "ai";
import { z } from "zod";
import { getEnvironment } from "@/lib/env";
import { runJavaScript } from "@/lib/sandbox/run-javascript";
import { type SandboxHelperName, sandboxHelperCatalog } from "@/lib/sandbox/sandbox-helper-catalog";

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
 * `code_interpreter`: runs JavaScript in the QuickJS sandbox with the configured helpers. Errors in
 * the code come back as `{ ok: false, error }` values rather than thrown errors, because the model
 * has to read them to correct its code; Stop reaches the sandbox through the abort signal.
 */
export const codeInterpreterTool = tool({
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
  execute: ({ code }, { abortSignal }) =>
    runJavaScript(code, { signal: abortSignal, helpers: getEnvironment().CODE_INTERPRETER_HELPERS }),
});
