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
  const { settleAbandonedRuns } = await import("./lib/runs/abandoned-runs");
  const { getEnvironment } = await import("./lib/env");
  // Runs whose server stopped (this one's previous process, or another replica) will never end: once
  // their lease has run out, say so instead of showing them as live. Again after one lease, for the
  // runs of a server that was killed just before this one started.
  const sweep = async () => {
    const interrupted = await markInterruptedRuns();
    if (interrupted > 0)
      console.warn(`Marked ${interrupted} unfinished run(s) of a stopped server as failed.`);
    const abandoned = await settleAbandonedRuns();
    if (abandoned > 0) console.warn(`Marked ${abandoned} chat run(s) of a stopped server as failed.`);
  };
  await sweep();
  setTimeout(() => {
    sweep().catch((error: unknown) => console.error("Could not mark the runs of a stopped server", error));
  }, getEnvironment().LEASE_MS + 1_000).unref();
}
