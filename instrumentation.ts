/** Next.js calls this once per server process, before serving: set up tracing for the chat runs. */
export async function register(): Promise<void> {
  // The Edge runtime has no AsyncLocalStorage-based context manager or node:sqlite; spans are stored from Node only.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // A bad ALLOWED_HOSTS stops the server here, naming the variable, rather than failing every request.
  const { parseAllowedHosts } = await import("./lib/security/host-names");
  parseAllowedHosts(process.env.ALLOWED_HOSTS);
  const { ensureTelemetry } = await import("./lib/trace/telemetry");
  ensureTelemetry();
  // A build serves nothing and must not touch the data of a server that may be running.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { markInterruptedRuns } = await import("./lib/trace/retention");
  // Runs the previous process left "running" will never end; say so instead of showing them as live.
  const interrupted = markInterruptedRuns();
  if (interrupted > 0)
    console.warn(`Marked ${interrupted} unfinished run(s) of an earlier server as failed.`);
}
