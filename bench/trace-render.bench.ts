// A 2,000-span trace against a 20-span one, in Debian Chromium against the production server:
// from navigation start until the first row of the waterfall has opened on a click.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { closeDatabaseForTests } from "@/lib/db/database";
import { resetEnvironmentForTests } from "@/lib/env";
import { flushTraceWrites } from "@/lib/trace/telemetry";
import { median } from "./measure";
import { recordSyntheticRun } from "./trace-synthetic-run";

const root = path.resolve(import.meta.dirname, "..");
const rounds = 8;
const targetMs = 1000;

/** Seeds a temporary DATA_DIR with the two runs through the app's own span store. */
async function seedTraces(dataDirectory: string): Promise<{ small: string; large: string }> {
  const previous = process.env.DATA_DIR;
  process.env.DATA_DIR = dataDirectory;
  resetEnvironmentForTests();
  await closeDatabaseForTests();
  try {
    const seeded = {
      small: recordSyntheticRun(20, "20-span run"),
      large: recordSyntheticRun(2000, "2,000-span run"),
    };
    await flushTraceWrites();
    return seeded;
  } finally {
    await closeDatabaseForTests();
    process.env.DATA_DIR = previous;
    resetEnvironmentForTests();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function startServer(port: number, dataDirectory: string): Promise<ChildProcess> {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const server = spawn(
    process.execPath,
    [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDirectory, OPENAI_API_KEY: "", NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}.`);
    const ready = await fetch(`http://127.0.0.1:${port}/api/traces?limit=1`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return server;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  server.kill();
  throw new Error("next start did not answer within 60 s.");
}

interface PageTimes {
  /** Navigation start → the first row opened on a click. */
  interactiveMs: number;
  /** Navigation start → every row rendered. */
  completeMs: number;
}

/** How long one trace page takes to become interactive and to render all its rows, measured in the page. */
async function loadTrace(browser: Browser, url: string, expectedRows: number): Promise<PageTimes> {
  const page = await browser.newPage();
  try {
    await page.goto(url, { waitUntil: "commit" });
    const spans = page.locator('ol[aria-label="Spans"][data-interactive="true"]');
    await spans.waitFor({ timeout: 30_000 });
    await spans.locator("li > button").first().click();
    await spans.locator('li > button[aria-expanded="true"]').first().waitFor();
    const interactiveMs = await page.evaluate(() => performance.now());
    await page.locator('ol[aria-label="Spans"][data-complete="true"]').waitFor({ timeout: 30_000 });
    const completeMs = await page.evaluate(() => performance.now());
    const rows = await spans.locator("li[data-slot=span-row]").count();
    if (rows !== expectedRows) throw new Error(`Expected ${expectedRows} rows, the page rendered ${rows}.`);
    return { interactiveMs, completeMs };
  } finally {
    await page.close();
  }
}

/** Measures the two traces in interleaved rounds, after a warm-up of each; medians of each measure. */
async function measure(browser: Browser, baseUrl: string, traces: { small: string; large: string }) {
  const small = () => loadTrace(browser, `${baseUrl}/traces/${traces.small}`, 20);
  const large = () => loadTrace(browser, `${baseUrl}/traces/${traces.large}`, 2000);
  await small();
  await large();
  const smallTimes: PageTimes[] = [];
  const largeTimes: PageTimes[] = [];
  for (let round = 0; round < rounds; round++) {
    smallTimes.push(await small());
    largeTimes.push(await large());
  }
  const medianOf = (times: PageTimes[], key: keyof PageTimes) => median(times.map((time) => time[key]));
  return {
    small: {
      interactiveMs: medianOf(smallTimes, "interactiveMs"),
      completeMs: medianOf(smallTimes, "completeMs"),
    },
    large: {
      interactiveMs: medianOf(largeTimes, "interactiveMs"),
      completeMs: medianOf(largeTimes, "completeMs"),
    },
    largestCompleteMs: Math.max(...largeTimes.map((time) => time.completeMs)),
  };
}

function report({ small, large, largestCompleteMs }: Awaited<ReturnType<typeof measure>>): void {
  const line = (label: string, key: keyof PageTimes) =>
    `  ${label}: 20 spans ${small[key].toFixed(0)} ms, 2,000 spans ${large[key].toFixed(0)} ms, ratio ${(
      large[key] / small[key]
    ).toFixed(2)}x`;
  console.log(
    `trace render in Chromium, from navigation start, median of ${rounds} (20-span trace = baseline):`,
  );
  console.log(line("first row opened on a click", "interactiveMs"));
  console.log(line("all rows rendered          ", "completeMs"));
  const verdict = large.completeMs < targetMs ? "met" : "NOT met";
  console.log(
    `  2,000 spans rendered and interactive in ${large.completeMs.toFixed(0)} ms (slowest ${largestCompleteMs.toFixed(0)} ms); target under ${targetMs} ms: ${verdict}`,
  );
}

export async function benchmark(): Promise<void> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("trace-render needs the production build: run `npm run build` first.");
    process.exitCode = 1;
    return;
  }
  const dataDirectory = mkdtempSync(path.join(tmpdir(), "agent-team-trace-bench-"));
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    const traces = await seedTraces(dataDirectory);
    const port = await freePort();
    server = await startServer(port, dataDirectory);
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    report(await measure(browser, `http://127.0.0.1:${port}`, traces));
  } finally {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}
