/**
 * One value per server process. Next.js may bundle a module into several route chunks, each with
 * its own module scope; state that must be shared (the write queue, running jobs) lives on globalThis.
 */
export function processSingleton<Value>(name: string, create: () => Value): Value {
  const registry = globalThis as unknown as Record<symbol, Value | undefined>;
  const key = Symbol.for(`agent-team.${name}`);
  registry[key] ??= create();
  return registry[key];
}

/** Forgets a process-wide value (returning it), e.g. when DATA_DIR changed between tests. */
export function forgetProcessSingleton<Value>(name: string): Value | undefined {
  const registry = globalThis as unknown as Record<symbol, Value | undefined>;
  const key = Symbol.for(`agent-team.${name}`);
  const value = registry[key];
  delete registry[key];
  return value;
}
