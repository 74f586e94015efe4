"use client";

import { useEffect, useState } from "react";

const prefix = "#span-";

/** The span id in the address (`#span-<id>`), kept up to date when the hash changes. */
export function useLinkedSpanId(): string | undefined {
  const [linked, setLinked] = useState<string>();
  useEffect(() => {
    const read = () =>
      setLinked(
        window.location.hash.startsWith(prefix) ? window.location.hash.slice(prefix.length) : undefined,
      );
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);
  return linked;
}
