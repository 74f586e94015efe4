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

/** Forgets a process-wide value, for tests that point DATA_DIR somewhere else. */
export function forgetProcessSingleton(name: string): void {
  const registry = globalThis as unknown as Record<symbol, unknown>;
  delete registry[Symbol.for(`agent-team.${name}`)];
}
