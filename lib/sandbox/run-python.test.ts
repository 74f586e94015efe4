import { afterAll, describe, expect, it } from "vitest";
import { resetEnvironmentForTests } from "@/lib/env";
import { runPython } from "./run-python";

// Each program gets a fresh interpreter (a few seconds to start); the pool keeps one warm.
process.env.PYTHON_POOL_SIZE = "2";
resetEnvironmentForTests();
afterAll(() => {
  delete process.env.PYTHON_POOL_SIZE;
  resetEnvironmentForTests();
});

describe("runPython", { timeout: 60_000 }, () => {
  it("runs the standard library and returns the last expression and what was printed", async () => {
    const result = await runPython(
      [
        "import statistics, json, csv, io, re, decimal, fractions, collections, itertools, datetime, math, sqlite3",
        "rows = list(csv.DictReader(io.StringIO('city,rain\\nOslo,12\\nBergen,30\\n')))",
        "print(len(rows), 'rows')",
        "db = sqlite3.connect(':memory:')",
        "db.execute('create table t (x)')",
        "db.executemany('insert into t values (?)', [(int(row['rain']),) for row in rows])",
        "{'mean': statistics.mean(int(row['rain']) for row in rows),",
        " 'sum': db.execute('select sum(x) from t').fetchone()[0],",
        " 'third': str(fractions.Fraction(1, 3) + decimal.Decimal('0').as_integer_ratio()[0]),",
        " 'day': datetime.date(2027, 3, 14).strftime('%A')}",
      ].join("\n"),
    );
    expect(result).toMatchObject({
      ok: true,
      result: { mean: 21, sum: 42, third: "1/3", day: "Sunday" },
      logs: ["2 rows"],
    });
  });

  it("reports an error with its line, and says when a module is not available", async () => {
    expect(await runPython("x = 1\ny = x / 0\n")).toMatchObject({
      ok: false,
      error: { name: "ZeroDivisionError", line: 2 },
    });
    expect(await runPython("def f(:\n  pass")).toMatchObject({
      ok: false,
      error: { name: "SyntaxError", line: 1 },
    });
    const missing = await runPython("import numpy");
    expect(missing).toMatchObject({ ok: false, error: { name: "ModuleNotFoundError" } });
    expect(missing.ok ? "" : missing.error.message).toContain("only Python's standard library");
  });

  it("kills an endless loop at the deadline and the host keeps serving", async () => {
    const result = await runPython("while True:\n  pass", { timeoutMs: 800 });
    expect(result).toMatchObject({ ok: false, error: { name: "TimeoutError" } });
    // The next program runs in another interpreter, as if nothing happened.
    expect(await runPython("6 * 7")).toMatchObject({ ok: true, result: 42 });
  });

  it("kills a memory bomb past PYTHON_MEMORY_MB", async () => {
    const result = await runPython("chunks = []\nwhile True:\n  chunks.append(bytearray(10**7))", {
      timeoutMs: 20_000,
    });
    expect(result).toMatchObject({ ok: false, error: { name: "MemoryLimitError" } });
  });

  it("cuts output past its limit and stops on abort", async () => {
    const chatty = await runPython("for i in range(100000):\n  print('line', i)\n'done'");
    expect(chatty.ok).toBe(true);
    expect(chatty.logs.at(-1)).toContain("output cut at 64 KB");
    expect(chatty.logs.length).toBeLessThan(10_000);
    const controller = new AbortController();
    const running = runPython("while True:\n  pass", { signal: controller.signal, timeoutMs: 20_000 });
    setTimeout(() => controller.abort(), 300);
    expect(await running).toMatchObject({ ok: false, error: { name: "AbortError" } });
  });
});
