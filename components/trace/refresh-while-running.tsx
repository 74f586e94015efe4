"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const refreshIntervalMs = 2000;

/** Re-renders the server page every two seconds while `active`: runs in the list are still going. */
export function RefreshWhileRunning({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), refreshIntervalMs);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
