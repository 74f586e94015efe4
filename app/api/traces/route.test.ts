import { describe, expect, it } from "vitest";
import { startRunTrace } from "@/lib/trace/run";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { GET as getTraceById } from "./[id]/route";
import { GET as getTraces } from "./route";

function get(id: string) {
  return getTraceById(new Request(`http://localhost/api/traces/${id}`), { params: Promise.resolve({ id }) });
}

describe("/api/traces", () => {
  useTemporaryDataDirectory();

  it("lists recent runs, newest first, up to ?limit=", async () => {
    const runs = ["first", "second", "third"].map((input) => startRunTrace({ name: "chat", input }));
    for (const run of runs) run.end({ status: "ok" });

    const response = getTraces(new Request("http://localhost/api/traces?limit=2"));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.traces.map((summary: { input: string }) => summary.input)).toEqual(["third", "second"]);
    expect(body.traces[0]).toMatchObject({ id: runs[2].traceId, status: "ok", spanCount: 1 });
  });

  it("rejects a limit that is not a positive number", async () => {
    const response = getTraces(new Request("http://localhost/api/traces?limit=lots"));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toContain("limit");
  });

  it("returns one run with its spans", async () => {
    const run = startRunTrace({ name: "chat", chatId: "chat-3", input: "hi" });
    const response = await get(run.traceId);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ id: run.traceId, name: "run chat", status: "running", endTime: null });
    expect(body.spans).toEqual([
      {
        id: run.rootSpanId,
        parentId: null,
        name: "run chat",
        kind: "run",
        startTime: expect.any(Number),
        endTime: null,
        status: "running",
        attributes: expect.objectContaining({ "gen_ai.conversation.id": "chat-3" }),
      },
    ]);
    run.end({ status: "ok" });
  });

  it("answers 404 with an error for an unknown or malformed id", async () => {
    for (const id of ["0".repeat(32), "not-a-trace"]) {
      const response = await get(id);
      expect(response.status).toBe(404);
      expect((await response.json()).error).toMatch(/no trace/i);
    }
  });
});
