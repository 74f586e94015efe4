import Link from "next/link";
import { formatDuration } from "@/lib/trace/span-details";
import type { TraceSummary } from "@/lib/trace/types";
import { TraceStatusBadge } from "./trace-status-badge";

/** The recent runs as a table; each links to its timeline. */
export function TraceList({ traces }: { traces: TraceSummary[] }) {
  if (traces.length === 0) {
    return (
      <p className="text-sm text-zinc-500">
        No runs yet. Ask something in the chat and its trace appears here.
      </p>
    );
  }
  return (
    <table className="w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm">
      <thead className="border-b border-zinc-200 text-left text-xs text-zinc-500">
        <tr>
          <th className="px-3 py-2 font-semibold">Run</th>
          <th className="px-3 py-2 font-semibold">Status</th>
          <th className="px-3 py-2 font-semibold">Started</th>
          <th className="px-3 py-2 text-right font-semibold">Duration</th>
          <th className="px-3 py-2 text-right font-semibold">Model calls</th>
          <th className="px-3 py-2 text-right font-semibold">Tokens in / out</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {traces.map((trace) => (
          <tr key={trace.id}>
            <td className="max-w-md truncate px-3 py-2">
              <Link href={`/traces/${trace.id}`} className="text-sky-700 underline">
                {trace.input || trace.name}
              </Link>
            </td>
            <td className="px-3 py-2">
              <TraceStatusBadge status={trace.status} />
            </td>
            <td className="px-3 py-2 text-zinc-600">
              <time dateTime={new Date(trace.startTime).toISOString()}>{formatStart(trace.startTime)}</time>
            </td>
            <td className="px-3 py-2 text-right font-mono">
              {trace.durationMs === null ? "…" : formatDuration(trace.durationMs)}
            </td>
            <td className="px-3 py-2 text-right font-mono">{trace.stepCount}</td>
            <td className="px-3 py-2 text-right font-mono">
              {trace.inputTokens} / {trace.outputTokens}
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
