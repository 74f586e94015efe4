import { OpenTelemetry } from "@ai-sdk/otel";
import { context, ROOT_CONTEXT } from "@opentelemetry/api";
import { describe, expect, it, vi } from "vitest";

function registeredIntegrations(): unknown[] {
  return (globalThis as { AI_SDK_TELEMETRY_INTEGRATIONS?: unknown[] }).AI_SDK_TELEMETRY_INTEGRATIONS ?? [];
}

describe("ensureTelemetry", () => {
  it("sets up once per process, even when the module is loaded again", async () => {
    const first = await import("./telemetry");
    const state = first.ensureTelemetry();
    expect(first.ensureTelemetry()).toBe(state);
    const openTelemetryIntegrations = registeredIntegrations().filter(
      (item) => item instanceof OpenTelemetry,
    );
    expect(openTelemetryIntegrations).toHaveLength(1);

    // Next.js bundles a module once per entry point; a second copy must reuse the first one's setup.
    vi.resetModules();
    const second = await import("./telemetry");
    expect(second).not.toBe(first);
    expect(second.ensureTelemetry()).toBe(state);
    expect(registeredIntegrations().filter((item) => item instanceof OpenTelemetry)).toHaveLength(1);
  });

  it("registers a context manager that carries context across awaits", async () => {
    const { ensureTelemetry } = await import("./telemetry");
    ensureTelemetry();
    const key = Symbol("marker");
    const seen = await context.with(ROOT_CONTEXT.setValue(key, "inside"), async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return context.active().getValue(key);
    });
    expect(seen).toBe("inside");
  });
});
