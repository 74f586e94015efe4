import { z } from "zod";

/**
 * The built-in helpers the code interpreter can expose inside the sandbox, and how the model is
 * told to use them. Their implementations live in `helpers/*.mjs` and run inside QuickJS.
 */
export const sandboxHelperCatalog = {
  stats: [
    "stats.sum(xs), stats.mean(xs), stats.median(xs), stats.mode(xs), stats.min(xs), stats.max(xs),",
    "stats.quantile(xs, q) with q from 0 to 1, stats.variance(xs, { sample }), stats.stdev(xs, { sample }),",
    "stats.correlation(xs, ys), stats.linearRegression(xs, ys) → { slope, intercept }",
  ].join(" "),
  csv: [
    "csv.parse(text, { header = true, delimiter = ',', numbers = true }) → rows (objects keyed by the header row,",
    "or arrays with header: false), csv.stringify(rows, { delimiter }) → text",
  ].join(" "),
} as const satisfies Record<string, string>;

export type SandboxHelperName = keyof typeof sandboxHelperCatalog;

export const sandboxHelperNames = Object.keys(sandboxHelperCatalog) as SandboxHelperName[];

/** True for the name of a built-in helper. */
export function isSandboxHelperName(name: string): name is SandboxHelperName {
  return Object.hasOwn(sandboxHelperCatalog, name);
}

/** CODE_INTERPRETER_HELPERS: unset gives every helper, "none" none, otherwise a comma-separated list. */
export const sandboxHelpersSchema = z
  .string()
  .optional()
  .transform((value) => {
    const trimmed = value?.trim() ?? "";
    if (!trimmed) return [...sandboxHelperNames];
    if (trimmed.toLowerCase() === "none") return [];
    return [
      ...new Set(
        trimmed
          .split(",")
          .map((entry) => entry.trim())
          .filter(Boolean),
      ),
    ];
  })
  .refine((names) => names.every(isSandboxHelperName), {
    message: `list only these helpers, comma-separated: ${sandboxHelperNames.join(", ")} (or "none")`,
  })
  .transform((names) => names.filter(isSandboxHelperName));
