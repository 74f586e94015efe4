import { tmpdir } from "node:os";
import { describe, expect, it, vi } from "vitest";
import { runJavaScript } from "./run-javascript";

describe("runJavaScript", () => {
  it("returns the value of the last expression", async () => {
    const outcome = await runJavaScript("2 + 2");
    expect(outcome).toMatchObject({ ok: true, result: 4, logs: [] });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("returns objects as JSON values and supports top-level return and await", async () => {
    expect(
      await runJavaScript(
        "const total = [1, 2, 3].reduce((a, b) => a + b, 0);\n({ total, items: [1, 'two'] })",
      ),
    ).toMatchObject({ ok: true, result: { total: 6, items: [1, "two"] } });
    expect(await runJavaScript("const value = await Promise.resolve(21);\nreturn value * 2;")).toMatchObject({
      ok: true,
      result: 42,
    });
  });

  it("captures console output in order", async () => {
    const outcome = await runJavaScript(
      'console.log("hello", 1, { a: [true] });\nconsole.info("info");\nconsole.warn("careful");\nconsole.error(new Error("bad").message);\n"done"',
    );
    expect(outcome).toMatchObject({
      ok: true,
      result: "done",
      logs: ['hello 1 {"a":[true]}', "info", "[warn] careful", "[error] bad"],
    });
  });

  it("reports a syntax error with its line number", async () => {
    const outcome = await runJavaScript("const a = 1;\nconst b = ;\na + b");
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.name).toBe("SyntaxError");
    expect(outcome.error.line).toBe(2);
  });

  it("reports a runtime error with its line number and keeps earlier logs", async () => {
    const outcome = await runJavaScript(
      'console.log("before");\nconst value = null;\n\nvalue.property.deeper',
    );
    expect(outcome).toMatchObject({ ok: false, error: { name: "TypeError", line: 4 }, logs: ["before"] });
  });

  it("stops an endless loop soon after the limit", async () => {
    // The bar is the limit plus 250 ms (measured: about 40 ms over, worker start included);
    // the assertion leaves room for a machine busy with other work, so that it never flakes.
    const startedAt = performance.now();
    const outcome = await runJavaScript("let count = 0;\nwhile (true) { count++ }", { timeoutMs: 500 });
    const elapsed = performance.now() - startedAt;
    expect(outcome).toMatchObject({ ok: false, error: { name: "TimeoutError" } });
    if (!outcome.ok) expect(outcome.error.message).toContain("ran longer than 0.5 s");
    expect(elapsed).toBeGreaterThanOrEqual(500);
    expect(elapsed).toBeLessThan(500 + 1_000);
  });

  it("stops a loop that overrides Date.now, since the deadline is kept outside the sandbox", async () => {
    const outcome = await runJavaScript("Date.now = () => 0;\nwhile (true) {}", { timeoutMs: 300 });
    expect(outcome).toMatchObject({ ok: false, error: { name: "TimeoutError" } });
  });

  it.each([
    ["arrays", "const a = [];\nwhile (true) a.push(new Array(1e6).fill(1))"],
    ["map entries", "const m = new Map();\nlet i = 0;\nwhile (true) m.set(i++, { i })"],
    ["object keys", "const o = {};\nlet i = 0;\nwhile (true) o['k' + i] = i++"],
    ["one huge string", "'x'.repeat(2 ** 29)"],
  ])(
    "contains a memory bomb (%s): the host's heap stays flat and the sandbox keeps working",
    async (_, code) => {
      const heapBefore = process.memoryUsage().heapUsed;
      const rssBefore = process.memoryUsage().rss;
      let heapPeak = heapBefore;
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        const usage = process.memoryUsage();
        heapPeak = Math.max(heapPeak, usage.heapUsed);
        rssPeak = Math.max(rssPeak, usage.rss);
      }, 5);
      const outcome = await runJavaScript(code, { timeoutMs: 10_000 });
      clearInterval(sampler);
      expect(outcome).toMatchObject({ ok: false, error: { name: "MemoryLimitError" } });
      if (!outcome.ok) expect(outcome.error.message).toContain("more than 64 MB of memory");
      expect(outcome.durationMs).toBeLessThan(5_000);
      // The host's JavaScript heap is what the issue bounds (< 50 MB); measured growth is under 1 MB.
      expect(heapPeak - heapBefore).toBeLessThan(50 * 1024 * 1024);
      // The worker's capped WebAssembly memory lives in the same process (measured: under 100 MB);
      // without the caps this bomb grew the process past 2 GB.
      expect(rssPeak - rssBefore).toBeLessThan(400 * 1024 * 1024);
      expect(await runJavaScript("'still' + ' working'")).toMatchObject({
        ok: true,
        result: "still working",
      });
    },
  );

  it("turns deep recursion into an error value", async () => {
    const outcome = await runJavaScript("function down(n) { return down(n + 1) + 1 }\ndown(0)");
    expect(outcome).toMatchObject({ ok: false, error: { name: "InternalError", message: "stack overflow" } });
  });

  it("ends a running snippet when the signal aborts", async () => {
    const controller = new AbortController();
    const startedAt = performance.now();
    setTimeout(() => controller.abort(), 200);
    const outcome = await runJavaScript("while (true) {}", { timeoutMs: 10_000, signal: controller.signal });
    expect(outcome).toMatchObject({ ok: false, error: { name: "AbortError" } });
    expect(performance.now() - startedAt).toBeLessThan(1_000);
  });

  it("does not start when the signal is already aborted", async () => {
    const outcome = await runJavaScript("1", { signal: AbortSignal.abort() });
    expect(outcome).toMatchObject({ ok: false, error: { name: "AbortError" } });
  });

  it("reports a promise that can never settle", async () => {
    const outcome = await runJavaScript("new Promise(() => {})");
    expect(outcome).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("never settled") },
    });
  });

  it("cuts off very large results and logs", async () => {
    const outcome = await runJavaScript(
      "for (let i = 0; i < 1000; i++) console.log('line ' + i);\n'x'.repeat(1e6)",
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(String(outcome.result).length).toBeLessThan(25_000);
    expect(outcome.logs.length).toBeLessThanOrEqual(201);
    expect(outcome.logs.at(-1)).toContain("cut off");
  });

  it("runs many snippets at once, a few at a time, and lets a waiting one be aborted", async () => {
    const busy = new AbortController();
    const longRuns = Array.from({ length: 4 }, () =>
      runJavaScript("while (true) {}", { timeoutMs: 10_000, signal: busy.signal }),
    );
    const waiting = new AbortController();
    setTimeout(() => waiting.abort(), 100);
    const startedAt = performance.now();
    expect(await runJavaScript("1", { signal: waiting.signal })).toMatchObject({
      error: { name: "AbortError" },
    });
    expect(performance.now() - startedAt).toBeLessThan(1_000);
    busy.abort();
    for (const outcome of await Promise.all(longRuns)) expect(outcome).toMatchObject({ ok: false });

    const results = await Promise.all(Array.from({ length: 8 }, (_, index) => runJavaScript(`${index} * 2`)));
    expect(results.map((outcome) => (outcome.ok ? outcome.result : outcome.error))).toEqual([
      0, 2, 4, 6, 8, 10, 12, 14,
    ]);
  });

  it("throws a sandbox_error when the sandbox itself cannot start", async () => {
    vi.resetModules();
    const cwd = vi.spyOn(process, "cwd").mockReturnValue(tmpdir());
    try {
      const { runJavaScript: runWithoutWorkerFile } = await import("./run-javascript");
      await expect(runWithoutWorkerFile("1")).rejects.toMatchObject({
        name: "AppError",
        code: "sandbox_error",
      });
    } finally {
      cwd.mockRestore();
      vi.resetModules();
    }
  });
});
