import { StatusBadge } from "./status-badge";
import { statusOf, type ToolPartView } from "./tool-part";

interface CodeResult {
  ok: boolean;
  result?: unknown;
  logs?: string[];
  error?: { name?: string; message: string; line?: number };
  durationMs?: number;
}

/** The code with line numbers, so "line 3" in an error can be found; the failing line is marked. */
function NumberedCode({ code, failedLine }: { code: string; failedLine?: number }) {
  const lines = code.split("\n");
  return (
    <pre className="overflow-x-auto rounded-md bg-zinc-900 py-2 text-xs text-zinc-100">
      <code className="table w-full">
        {lines.map((line, index) => (
          <span
            key={index}
            data-failed-line={index + 1 === failedLine ? "" : undefined}
            className={`table-row ${index + 1 === failedLine ? "bg-red-900/60" : ""}`}
          >
            <span aria-hidden="true" className="table-cell select-none pr-3 pl-2 text-right text-zinc-500">
              {index + 1}
            </span>
            <span className="table-cell pr-2 whitespace-pre">{line || " "}</span>
          </span>
        ))}
      </code>
    </pre>
  );
}

function ResultValue({ value }: { value: unknown }) {
  if (value !== null && typeof value === "object") {
    return (
      <pre className="mt-1 max-h-64 overflow-auto rounded-md bg-zinc-100 p-2 text-xs">
        <output className="font-mono">{JSON.stringify(value, null, 2)}</output>
      </pre>
    );
  }
  return (
    <output className="font-mono font-semibold">{value === undefined ? "undefined" : String(value)}</output>
  );
}

/** The code interpreter's run: the numbered code, what it printed, and its result or error. */
export function CodeInterpreterView({ part }: { part: ToolPartView }) {
  const code = (part.input as { code?: string } | undefined)?.code ?? "";
  const output = part.state === "output-available" ? (part.output as CodeResult) : undefined;
  return (
    <section
      aria-label="Code interpreter"
      data-slot="agent-lane"
      data-agent="code_interpreter"
      className="min-w-0 flex-1 space-y-2 rounded-xl border border-zinc-200 bg-white p-3 shadow-sm"
    >
      <header className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">Code interpreter</h3>
        <StatusBadge status={output?.ok === false ? "failed" : statusOf(part)} />
      </header>
      <NumberedCode code={code} failedLine={output?.ok === false ? output.error?.line : undefined} />
      {output?.logs && output.logs.length > 0 && (
        <figure aria-label="Printed output" data-slot="printed-output">
          <pre className="overflow-x-auto rounded-md bg-zinc-100 p-2 text-xs">{output.logs.join("\n")}</pre>
        </figure>
      )}
      {output?.ok && (
        <div className="text-sm">
          Result: <ResultValue value={output.result} />
          {output.durationMs !== undefined && (
            <span className="ml-2 text-xs text-zinc-500">{output.durationMs} ms</span>
          )}
        </div>
      )}
      {output?.ok === false && (
        <p role="alert" className="text-sm text-red-700">
          {output.error?.name ?? "Error"}: {output.error?.message}
          {output.error?.line ? ` (line ${output.error.line})` : ""}
        </p>
      )}
      {part.state === "output-error" && (
        <p role="alert" className="text-sm text-red-700">
          {part.errorText}
        </p>
      )}
    </section>
  );
}
