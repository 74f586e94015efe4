import Link from "next/link";
import { formatDuration } from "@/lib/trace/span-details";
import type { TraceSummary } from "@/lib/trace/types";
import { TraceStatusBadge } from "./trace-status-badge";

/** The recent runs as a table; each links to its timeline. */
export function TraceList({ traces, filtered }: { traces: TraceSummary[]; filtered: boolean }) {
  if (traces.length === 0) {
    return (
      <p role="status" className="text-sm text-zinc-500">
        {filtered
          ? "No runs match these filters."
          : "No runs yet. Ask something in the chat and its trace appears here."}
      </p>
    );
  }
  return (
    <table
      aria-label="Runs"
      className="w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm"
    >
      <thead className="border-b border-zinc-200 text-left text-xs text-zinc-500">
        <tr>
          <th className="px-3 py-2 font-semibold">Run</th>
          <th className="px-3 py-2 font-semibold">Status</th>
          <th className="px-3 py-2 font-semibold">Agents</th>
          <th className="px-3 py-2 font-semibold">Started</th>
          <th className="px-3 py-2 text-right font-semibold">Duration</th>
          <th className="px-3 py-2 text-right font-semibold">Steps</th>
          <th className="px-3 py-2 text-right font-semibold">Tokens</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {traces.map((trace) => (
          <tr key={trace.id} className={trace.status === "error" ? "bg-red-50" : undefined}>
            <td className="max-w-md truncate px-3 py-2">
              <Link href={`/traces/${trace.id}`} className="text-sky-700 underline">
                {trace.input || `${trace.name} ${trace.id.slice(0, 8)}`}
              </Link>
            </td>
            <td className="px-3 py-2">
              <TraceStatusBadge status={trace.status} />
            </td>
            <td className="px-3 py-2 text-xs text-zinc-600">{trace.agents.join(", ") || "none"}</td>
            <td className="px-3 py-2 text-zinc-600">
              <time dateTime={new Date(trace.startTime).toISOString()}>{formatStart(trace.startTime)}</time>
            </td>
            <td className="px-3 py-2 text-right font-mono">
              {trace.durationMs === null ? "running" : formatDuration(trace.durationMs)}
            </td>
            <td className="px-3 py-2 text-right font-mono" title="Model calls">
              {trace.stepCount}
            </td>
            <td
              className="px-3 py-2 text-right font-mono"
              title={`${trace.inputTokens} in / ${trace.outputTokens} out`}
            >
              {(trace.inputTokens + trace.outputTokens).toLocaleString("en")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function formatStart(time: number): string {
  return new Date(time).toISOString().replace("T", " ").slice(0, 19);
}
