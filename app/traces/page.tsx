import type { Metadata } from "next";
import { RefreshWhileRunning } from "@/components/trace/refresh-while-running";
import { TraceFilters } from "@/components/trace/trace-filters";
import { TraceList } from "@/components/trace/trace-list";
import { listTraceAgents, listTraces } from "@/lib/trace/trace-list";
import { parseListTracesQuery } from "../api/traces/schema";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Traces · Agent Team" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function TracesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const parameters = await searchParams;
  const text = (key: string) => (typeof parameters[key] === "string" ? parameters[key] : "");
  const values = { q: text("q"), status: text("status"), agent: text("agent"), since: text("since") };
  const query = parseListTracesQuery(new URLSearchParams({ ...values, limit: "100" }));
  const traces = query.success ? await listTraces(query.data) : [];
  return (
    <div className="mx-auto w-full max-w-6xl space-y-4 p-6">
      <h1 className="text-2xl font-semibold">Traces</h1>
      <p className="text-sm text-zinc-600">
        Recent chat runs. Open one to see its agents, model calls and tools on a timeline.
      </p>
      <TraceFilters values={values} agents={await listTraceAgents()} />
      {query.success ? (
        <TraceList traces={traces} filtered={Object.values(values).some(Boolean)} />
      ) : (
        <p role="alert" className="text-sm text-red-700">
          {query.error.issues[0].message}
        </p>
      )}
      <RefreshWhileRunning active={traces.some((trace) => trace.status === "running")} />
    </div>
  );
}
