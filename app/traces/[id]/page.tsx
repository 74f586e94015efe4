import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TraceView } from "@/components/trace/trace-view";
import { getTraceTimeline } from "@/lib/trace/trace-queries";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Trace · Agent Team" };

export default async function TracePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const trace = await getTraceTimeline(id);
  if (!trace) notFound();
  return <TraceView key={trace.id} initialTrace={trace} renderedAt={Date.now()} />;
}
