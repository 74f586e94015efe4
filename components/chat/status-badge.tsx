const styles = {
  running: "bg-amber-100 text-amber-800",
  done: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
};

export function StatusBadge({ status }: { status: keyof typeof styles }) {
  return (
    <span data-slot="status" className={`rounded-full px-2 py-0.5 text-xs font-medium ${styles[status]}`}>
      {status === "running" ? "working…" : status}
    </span>
  );
}
