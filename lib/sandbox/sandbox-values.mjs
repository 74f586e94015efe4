// Moving values out of QuickJS: console output and the snippet's result, as plain strings and JSON,
// cut off at sizes that keep the host and the model's context small.

const maxLogLines = 200;
const maxLogCharacters = 20_000;
const maxResultCharacters = 20_000;

/** Collects console lines until the line or character budget is spent. */
export function createLogCollector() {
  const lines = [];
  let characters = 0;
  let truncated = false;
  return {
    lines,
    add(line) {
      if (truncated) return;
      if (lines.length >= maxLogLines || characters + line.length > maxLogCharacters) {
        truncated = true;
        lines.push("… (further output was cut off)");
        return;
      }
      characters += line.length;
      lines.push(line);
    },
  };
}

/** Turns a dumped QuickJS value into something JSON can carry to the host and the model. */
function toJsonSafe(value) {
  if (value === undefined) return undefined;
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const serialized = JSON.stringify(value);
  if (serialized === undefined) return String(value);
  if (serialized.length <= maxResultCharacters) return value;
  return `${serialized.slice(0, maxResultCharacters)}… (result cut off at ${maxResultCharacters} characters)`;
}

function formatLogArgument(context, handle) {
  const type = context.typeof(handle);
  if (type === "string") return context.getString(handle);
  if (type === "function") return "[Function]";
  const value = context.dump(handle);
  if (value === undefined) return "undefined";
  if (typeof value === "string") return type === "object" ? value : String(value);
  if (typeof value !== "object" || value === null) return String(value);
  return JSON.stringify(value);
}

/** Gives the sandbox a console whose output lands in `logs`; nothing else of the host is exposed. */
export function installConsole(context, logs) {
  const consoleHandle = context.newObject();
  for (const level of ["log", "info", "warn", "error"]) {
    const prefix = level === "warn" || level === "error" ? `[${level}] ` : "";
    const handle = context.newFunction(level, (...argumentHandles) => {
      logs.add(prefix + argumentHandles.map((argument) => formatLogArgument(context, argument)).join(" "));
    });
    context.setProp(consoleHandle, level, handle);
  }
  context.setProp(context.global, "console", consoleHandle);
}

/** The snippet's result as JSON, with long strings cut inside QuickJS before they are copied out. */
export function readResult(context, handle) {
  if (context.typeof(handle) === "string") {
    const length = context.getNumber(context.getProp(handle, "length"));
    if (length <= maxResultCharacters) return context.getString(handle);
    const head = context.unwrapResult(
      context.callMethod(handle, "slice", [context.newNumber(0), context.newNumber(maxResultCharacters)]),
    );
    return `${context.getString(head)}… (result cut off at ${maxResultCharacters} of ${length} characters)`;
  }
  return toJsonSafe(context.dump(handle));
}
