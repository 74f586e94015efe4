// What the throwaway test servers (PostgreSQL, Ceph RGW) share: free ports, Debian packages, their
// watchdogs and readable command errors.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** Free loopback ports, all held open at once while asking so the kernel cannot hand one out twice. */
export async function findFreePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === "string") {
      throw new Error(`Unexpected listening address ${JSON.stringify(address)}`);
    }
    return address.port;
  });
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
    ),
  );
  return ports;
}

export function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The first line of a failed command's error, with what it printed. */
export function describeCommandError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { stdout, stderr } = error as Error & { stdout?: string; stderr?: string };
  return [error.message.split("\n")[0], stdout?.trim(), stderr?.trim()].filter(Boolean).join("\n");
}

/**
 * Installs Debian packages when any of `programs` is missing, as scripts/ensure-chromium.mjs does for
 * Chromium (sudo when not root). The lock timeout lets two test processes that both found a package
 * missing install one after the other.
 */
export async function installDebianPackages(
  programs: ReadonlyArray<{ program: string; debianPackage: string }>,
  options: { noRecommends?: boolean } = {},
): Promise<void> {
  const missing = programs.filter(({ program }) => !existsSync(program));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map(({ debianPackage }) => debianPackage))];
  console.log(
    `Missing ${missing.map(({ program }) => program).join(", ")}; installing Debian's ${packages.join(" ")}.`,
  );
  const asRoot = runsAsRoot() ? [] : ["sudo"];
  const run = async (args: string[]): Promise<void> => {
    const command = [...asRoot, ...args];
    try {
      await execFileAsync(command[0], command.slice(1), {
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      throw new Error(`${command.join(" ")} failed: ${describeCommandError(error)}`, { cause: error });
    }
  };
  const lock = ["-o", "DPkg::Lock::Timeout=300"];
  await run(["apt-get", "update", "-qq", ...lock]);
  await run([
    "apt-get",
    "install",
    "-y",
    "-qq",
    ...(options.noRecommends ? ["--no-install-recommends"] : []),
    ...lock,
    ...packages,
  ]);
  const stillMissing = missing.filter(({ program }) => !existsSync(program));
  if (stillMissing.length > 0) {
    throw new Error(
      `Installed ${packages.join(" ")} but ${stillMissing.map(({ program }) => program).join(", ")} is still missing.`,
    );
  }
}

/** Ends a detached watchdog and its `sleep` (one process group); one that already exited is fine. */
export function stopWatchdog(watchdogPid: number): void {
  try {
    process.kill(-watchdogPid, "SIGTERM");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}
