import type { TraceStatus } from "@/lib/trace/types";

const styles: Record<TraceStatus, string> = {
  running: "bg-sky-100 text-sky-800",
  ok: "bg-emerald-100 text-emerald-800",
  error: "bg-red-100 text-red-800",
};

const labels: Record<TraceStatus, string> = { running: "running", ok: "ok", error: "error" };

/** The status of a run or span as a small coloured label. */
export function TraceStatusBadge({
  status,
  className = "",
  ...props
}: React.ComponentProps<"span"> & { status: TraceStatus }) {
  return (
    <span
      data-slot="trace-status"
      data-status={status}
      className={`inline-block shrink-0 rounded px-1.5 py-0.5 text-xs font-medium ${styles[status]} ${className}`}
      {...props}
    >
      {labels[status]}
    </span>
  );
}
