/** Next.js calls this once per server process, before serving: set up tracing for the chat runs. */
export async function register(): Promise<void> {
  // The Edge runtime has no AsyncLocalStorage-based context manager or node:sqlite; spans are stored from Node only.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { ensureTelemetry } = await import("./lib/trace/telemetry");
    ensureTelemetry();
  }
}
