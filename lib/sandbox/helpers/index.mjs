// The built-in helpers the sandbox can expose (CODE_INTERPRETER_HELPERS picks which). Each is a
// pure function whose source text is evaluated inside QuickJS: nothing of the host is shared.
import { createCsvHelper } from "./csv.mjs";
import { createStatsHelper } from "./stats.mjs";

const helperFactories = { stats: createStatsHelper, csv: createCsvHelper };

/**
 * The JavaScript that defines one helper as a frozen, read-only global inside the sandbox, or
 * undefined for a name that is not a helper.
 */
export function helperSource(name) {
  if (!Object.hasOwn(helperFactories, name)) return undefined;
  const factory = helperFactories[name].toString();
  return `Object.defineProperty(globalThis, ${JSON.stringify(name)}, {
  value: (() => {
    const helper = (${factory})();
    for (const member of Object.values(helper)) Object.freeze(member);
    return Object.freeze(helper);
  })(),
  writable: false,
  configurable: false,
  enumerable: false,
});`;
}
