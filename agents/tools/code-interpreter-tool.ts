import { tool } from "ai";
import { z } from "zod";
import { runJavaScript } from "@/lib/sandbox/run-javascript";

/**
 * `code_interpreter`: runs JavaScript in the QuickJS sandbox. Errors in the code come back as
 * `{ ok: false, error }` values rather than thrown errors, because the model has to read them to
 * correct its code; Stop reaches the sandbox through the abort signal.
 */
export const codeInterpreterTool = tool({
  description: [
    "Runs a JavaScript snippet (JavaScript only, not Python or TypeScript) in an isolated sandbox and returns",
    "its result. Use it for arithmetic, data processing, dates, string manipulation and checking logic.",
    "The value of the last expression is the result (top-level `return` and `await` also work).",
    "Print intermediate values with console.log; the printed lines are returned as `logs`.",
    "There is no network, no file system, no timers, no modules (no require or import) and no environment;",
    "the code must finish within 5 s and 64 MB of memory. Errors come back with their line number: fix and retry.",
  ].join(" "),
  inputSchema: z.object({
    code: z
      .string()
      .min(1)
      .max(100_000)
      .describe(
        "Complete JavaScript source to run, e.g. `const xs = [3, 1, 2];\\nconsole.log(xs.length);\\nxs.sort()`. The last expression's value is returned.",
      ),
  }),
  execute: ({ code }, { abortSignal }) => runJavaScript(code, { signal: abortSignal }),
});
