import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvironmentForTests } from "@/lib/env";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { startRunTrace } from "./run";
import { ensureTelemetry } from "./telemetry";

const received: Array<{ path: string; body: string }> = [];
const collector = createServer(async (request: IncomingMessage, response) => {
  let body = "";
  for await (const chunk of request) body += chunk;
  received.push({ path: request.url ?? "", body });
  response.writeHead(200, { "content-type": "application/json" }).end("{}");
});

describe("OTLP export", () => {
  beforeAll(async () => {
    collector.listen(0, "127.0.0.1");
    await once(collector, "listening");
  });
  afterAll(() => {
    collector.close();
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  });

  useTemporaryDataDirectory();

  it("sends the same spans to OTEL_EXPORTER_OTLP_ENDPOINT", async () => {
    const { port } = collector.address() as AddressInfo;
    // The endpoint must be set before this process's first ensureTelemetry().
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${port}`;
    resetEnvironmentForTests();
    const { provider } = ensureTelemetry();
    const run = startRunTrace({ name: "chat", input: "exported" });
    run.end({ status: "ok" });
    await provider.forceFlush();

    expect(received.map((request) => request.path)).toContain("/v1/traces");
    const exported = received.map((request) => request.body).join("\n");
    expect(exported).toContain(run.traceId);
    expect(exported).toContain("run chat");
  });
});
