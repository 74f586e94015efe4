// End-to-end tests drive Debian's Chromium; Playwright's own browser download cannot work offline.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

if (!existsSync(chromiumPath)) {
  console.log(`Chromium not found at ${chromiumPath}; installing Debian's chromium package.`);
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args) =>
    execFileSync(asRoot[0] ?? args[0], asRoot.length ? args : args.slice(1), { stdio: "inherit" });
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "chromium", "fonts-dejavu-core"]);
}
