import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { getTestEnvironment } from "./test-ports";

const loopback = "127.0.0.1";
const startTimeoutMs = 60_000;
const stopTimeoutMs = 10_000;
const keptOutputChars = 20_000;

/**
 * The app as the provider project runs it: the scripted OpenAI-compatible server for every model.
 * With `swappedDimensions`, that server returns vectors of that length whatever the model's name.
 */
export function scriptedProviderEnvironment(
  embeddingModel: string,
  swappedDimensions?: number,
): Record<string, string> {
  const swapped = swappedDimensions === undefined ? "" : `/dimensions-${swappedDimensions}`;
  return {
    OPENAI_API_KEY: "test-key",
    OPENAI_BASE_URL: `http://${loopback}:${getTestEnvironment().openAIPort}${swapped}/v1`,
    CHAT_MODEL: "scripted-chat",
    EMBEDDING_MODEL: embeddingModel,
    IMAGE_MODEL: "scripted-image",
  };
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, loopback, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A production app server of one test's own (`next start` on the shared build), on a fixed loopback
 * port and its own temporary DATA_DIR, so a test can crash it, restart it and change its
 * configuration between starts without touching the servers other specs use. `dispose` must run
 * (afterAll or finally): it kills the server and removes the data.
 */
export class PrivateAppServer {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = "";

  private constructor(
    readonly port: number,
    readonly dataDirectory: string,
  ) {}

  static async create(): Promise<PrivateAppServer> {
    const dataDirectory = mkdtempSync(path.join(tmpdir(), "agent-team-private-app-"));
    return new PrivateAppServer(await findFreePort(), dataDirectory);
  }

  get url(): string {
    return `http://${loopback}:${this.port}`;
  }

  /** Starts the app with this environment (plus DATA_DIR) and waits until it answers. */
  async start(environment: Record<string, string>): Promise<void> {
    if (this.child) throw new Error(`The app server on port ${this.port} is already running.`);
    this.output = "";
    // Its own process group, so killing it also kills the server process that npx starts.
    const child = spawn("npx", ["next", "start", "--port", String(this.port), "--hostname", loopback], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, OPENAI_API_KEY: "", ...environment, DATA_DIR: this.dataDirectory },
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString("utf8")).slice(-keptOutputChars);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    // A worker that ends without running the test's clean-up still takes the server with it.
    const killWithWorker = () => this.sendSignal("SIGKILL");
    process.once("exit", killWithWorker);
    child.once("exit", () => {
      process.off("exit", killWithWorker);
      if (this.child === child) this.child = undefined;
    });
    await this.waitUntilAnswering(child);
  }

  /** Kills the server at once (SIGKILL), as a crash or a power cut would. */
  async kill(): Promise<void> {
    await this.signal("SIGKILL");
  }

  /** Stops the server as an operator would (SIGTERM), killing it if it does not stop in time. */
  async stop(): Promise<void> {
    const stopped = this.signal("SIGTERM");
    const timer = setTimeout(() => this.sendSignal("SIGKILL"), stopTimeoutMs);
    await stopped.finally(() => clearTimeout(timer));
  }

  /** Kills the server if it runs and removes its data directory. */
  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dataDirectory, { recursive: true, force: true });
  }

  /** What the server printed lately, for failure messages. */
  recentOutput(): string {
    return this.output;
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    if (!this.child) return;
    this.sendSignal(signal);
    await this.exited;
  }

  private sendSignal(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch (error) {
      // The group is already gone when the server exited between the check and the signal.
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }

  private async waitUntilAnswering(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + startTimeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`The app server exited while starting:\n${this.output}`);
      }
      if (await this.answers()) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await this.kill();
    throw new Error(`The app server did not answer within ${startTimeoutMs} ms:\n${this.output}`);
  }

  private async answers(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/api/chats`, { signal: AbortSignal.timeout(5_000) });
      return response.ok;
    } catch (error) {
      // Not listening yet (connection refused) or still compiling (timeout): ask again.
      if (error instanceof TypeError || (error as Error).name === "TimeoutError") return false;
      throw error;
    }
  }
}
