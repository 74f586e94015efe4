// Fails when package-lock.json misses a platform's optional package (a native binding for macOS,
// Windows or arm64, say): `npm ci` then refuses the lockfile on every machine. Regenerate it from
// scratch (`rm -rf node_modules package-lock.json && npm install`) and run this again.
import { readFileSync } from "node:fs";

const lock = JSON.parse(readFileSync(new URL("../package-lock.json", import.meta.url), "utf8"));
const packages = lock.packages ?? {};

/** Where npm would look for `name` as seen from the package at `location`: its own folder, then each parent's. */
function resolves(location, name) {
  let base = location;
  for (;;) {
    if (packages[`${base ? `${base}/` : ""}node_modules/${name}`]) return true;
    if (!base) return false;
    const parent = base.lastIndexOf("/node_modules/");
    base = parent === -1 ? "" : base.slice(0, parent);
  }
}

const missing = [];
for (const [location, entry] of Object.entries(packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!resolves(location, name))
      missing.push(`${name} (optional dependency of ${location || "the project"})`);
  }
}
if (lock.lockfileVersion < 3) missing.push(`lockfileVersion 3 (found ${lock.lockfileVersion})`);
if (missing.length > 0) {
  console.error(
    `package-lock.json is incomplete; npm ci would refuse it. Missing:\n  ${missing.join("\n  ")}`,
  );
  process.exit(1);
}
console.log(
  `package-lock.json lists all ${Object.keys(packages).length - 1} packages and every platform's optional ones.`,
);
