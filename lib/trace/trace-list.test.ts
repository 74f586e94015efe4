import { context } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { setRunStartTime } from "@/tests/stored-rows";
import { databaseBackends, useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { startRunTrace } from "./run";
import { getTracer } from "./telemetry";
import { listTraceAgents, listTraces } from "./trace-list";

/** A finished run in which `agents` ran, each making one model call. */
async function recordRun(
  input: string,
  agents: string[],
  options: { fail?: string; startedAt?: number } = {},
): Promise<string> {
  const run = startRunTrace({ name: "chat", input });
  run.run(() => {
    for (const agent of agents) {
      const agentSpan = getTracer().startSpan(`invoke_agent ${agent}`, {
        attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": agent },
      });
      getTracer()
        .startSpan(
          "chat model",
          {
            attributes: {
              "gen_ai.operation.name": "chat",
              "gen_ai.usage.input_tokens": 10,
              "gen_ai.usage.output_tokens": 2,
            },
          },
          context.active(),
        )
        .end();
      agentSpan.end();
    }
  });
  run.end(options.fail ? { status: "error", message: options.fail } : { status: "ok" });
  if (options.startedAt !== undefined) {
    const startedAt = options.startedAt;
    await setRunStartTime(run.traceId, () => startedAt);
  }
  return run.traceId;
}

const inputs = async (filters: Parameters<typeof listTraces>[0]) =>
  (await listTraces(filters)).map((trace) => trace.input);

describe.each(databaseBackends)("listTraces on %s", (backend) => {
  useTemporaryDataDirectory({}, backend);

  it("summarises each run: duration, steps, tokens and agents in the order they ran", async () => {
    await recordRun("weather and a picture", ["manager", "web_agent", "image_agent", "web_agent"]);
    const [summary] = await listTraces();
    expect(summary).toMatchObject({
      input: "weather and a picture",
      status: "ok",
      stepCount: 4,
      inputTokens: 40,
      outputTokens: 8,
      agents: ["manager", "web_agent", "image_agent"],
    });
    expect(summary.durationMs).toBeGreaterThanOrEqual(0);
    expect(await listTraceAgents()).toEqual(["image_agent", "manager", "web_agent"]);
  });

  it("filters by status, agent, text and time, alone or together", async () => {
    const now = Date.now();
    await recordRun("old question about tides", ["manager", "retriever_agent"], {
      startedAt: now - 3 * 86_400_000,
    });
    await recordRun("draw a fox", ["manager", "image_agent"], { fail: "The image model is down." });
    await recordRun("what is 50% of 10_000?", ["manager"]);

    expect(await inputs({ status: "error" })).toEqual(["draw a fox"]);
    expect(await inputs({ status: "running" })).toEqual([]);
    expect(await inputs({ agent: "retriever_agent" })).toEqual(["old question about tides"]);
    expect(await inputs({ q: "FOX" })).toEqual(["draw a fox"]);
    // Wildcards of LIKE are matched as themselves.
    expect(await inputs({ q: "50%" })).toEqual(["what is 50% of 10_000?"]);
    expect(await inputs({ q: "0_0" })).toEqual(["what is 50% of 10_000?"]);
    expect(await inputs({ q: "5%1" })).toEqual([]);
    expect(await inputs({ q: "image model is down" })).toEqual(["draw a fox"]);
    expect(await inputs({ q: "invoke_agent image" })).toEqual(["draw a fox"]);
    expect(await inputs({ since: now - 86_400_000 })).toEqual(["what is 50% of 10_000?", "draw a fox"]);
    expect(await inputs({ until: now - 86_400_000 })).toEqual(["old question about tides"]);
    expect(await inputs({ agent: "manager", status: "ok", q: "question" })).toEqual([
      "old question about tides",
    ]);
    expect(await inputs({ limit: 1 })).toEqual(["what is 50% of 10_000?"]);
  });

  it("finds a run by its trace id", async () => {
    const traceId = await recordRun("find me by id", ["manager"]);
    await recordRun("another", ["manager"]);
    expect(await inputs({ q: traceId.toUpperCase() })).toEqual(["find me by id"]);
  });
});
