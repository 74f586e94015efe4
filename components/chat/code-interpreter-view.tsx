import { StatusBadge } from "./status-badge";
import { statusOf, type ToolPartView } from "./tool-part";

interface CodeResult {
  ok: boolean;
  result?: unknown;
  logs?: string[];
  error?: { name?: string; message: string; line?: number };
  durationMs?: number;
}

/** The code interpreter's run: the code, what it printed, and its result or error. */
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
      <pre className="overflow-x-auto rounded-md bg-zinc-900 p-2 text-xs text-zinc-100">
        <code>{code}</code>
      </pre>
      {output?.logs && output.logs.length > 0 && (
        <pre data-slot="printed-output" className="overflow-x-auto rounded-md bg-zinc-100 p-2 text-xs">
          {output.logs.join("\n")}
        </pre>
      )}
      {output?.ok && (
        <p className="text-sm">
          Result: <output className="font-mono font-semibold">{formatValue(output.result)}</output>
          {output.durationMs !== undefined && (
            <span className="ml-2 text-xs text-zinc-500">{output.durationMs} ms</span>
          )}
        </p>
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

function formatValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
