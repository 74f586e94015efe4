"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { traceStatuses } from "@/lib/trace/types";

/** The ranges of the time filter, as durations back from now that `?since=` understands. */
export const timeRanges = [
  { value: "15m", label: "Last 15 minutes" },
  { value: "1h", label: "Last hour" },
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
] as const;

export interface TraceFilterValues {
  q: string;
  status: string;
  agent: string;
  since: string;
}

const searchDelayMs = 300;

/**
 * Search and filters of the run list. They live in the address (`/traces?q=&status=&agent=&since=`),
 * so a filtered list can be shared; the form also works as a plain GET form without JavaScript.
 */
export function TraceFilters({ values, agents }: { values: TraceFilterValues; agents: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [query, setQuery] = useState(values.q);
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const apply = () => {
    clearTimeout(timer.current);
    if (!form.current) return;
    const parameters = new URLSearchParams();
    for (const [key, value] of new FormData(form.current)) {
      if (typeof value === "string" && value.trim()) parameters.set(key, value.trim());
    }
    const search = parameters.toString();
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <search aria-label="Filter runs">
      <form
        ref={form}
        method="get"
        className="flex flex-wrap items-end gap-3 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
      >
        <label className="flex min-w-64 flex-1 flex-col gap-1">
          <span className="text-xs font-semibold text-zinc-600">Search</span>
          <input
            type="search"
            name="q"
            value={query}
            maxLength={200}
            placeholder="Question, span name, error or trace id"
            onChange={(event) => {
              setQuery(event.target.value);
              clearTimeout(timer.current);
              timer.current = setTimeout(apply, searchDelayMs);
            }}
            className="rounded border border-zinc-300 bg-white px-2 py-1.5"
          />
        </label>
        <FilterSelect name="status" label="Status" value={values.status} onChange={apply}>
          <option value="">Any status</option>
          {traceStatuses.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="agent" label="Agent" value={values.agent} onChange={apply}>
          <option value="">Any agent</option>
          {withCurrent(agents, values.agent).map((agent) => (
            <option key={agent} value={agent}>
              {agent}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="since" label="Time" value={values.since} onChange={apply}>
          <option value="">Any time</option>
          {timeRanges.map((range) => (
            <option key={range.value} value={range.value}>
              {range.label}
            </option>
          ))}
          {values.since && !timeRanges.some((range) => range.value === values.since) && (
            <option value={values.since}>Since {values.since}</option>
          )}
        </FilterSelect>
      </form>
    </search>
  );
}

/** The options, plus the current value when the address asks for one the list does not have. */
function withCurrent(options: string[], current: string): string[] {
  return current && !options.includes(current) ? [...options, current] : options;
}

function FilterSelect({
  name,
  label,
  value,
  onChange,
  children,
}: {
  name: string;
  label: string;
  value: string;
  onChange(): void;
  children: React.ReactNode;
}) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-xs font-semibold text-zinc-600">{label}</span>
      <select
        name={name}
        defaultValue={value}
        onChange={onChange}
        className="rounded border border-zinc-300 bg-white px-2 py-1.5"
      >
        {children}
      </select>
    </label>
  );
}
