import type { Metadata } from "next";
import { TraceList } from "@/components/trace/trace-list";
import { listTraces } from "@/lib/trace/trace-queries";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Traces · Agent Team" };

export default function TracesPage() {
  return (
    <div className="mx-auto w-full max-w-6xl space-y-4 p-6">
      <h1 className="text-2xl font-semibold">Traces</h1>
      <p className="text-sm text-zinc-600">
        Recent chat runs. Open one to see its agents, model calls and tools on a timeline.
      </p>
      <TraceList traces={listTraces({ limit: 100 })} />
    </div>
  );
}
