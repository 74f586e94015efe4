import { findCitationMarkers } from "./citation-markers";

/** A web page an agent read (or found in a search), which its answer may cite. */
export interface CitablePage {
  url: string;
  title?: string;
  /** The address the agent asked for, when a redirect ended elsewhere. */
  requestedUrl?: string;
}

/** A numbered reference of an answer, tied to the page it cites. */
export interface ResolvedPageCitation {
  number: number;
  page: CitablePage;
}

const urlPattern = /https?:\/\/[^\s<>()[\]"'`]+/g;

function normalize(url: string): string {
  return url.replace(/[.,;:!?]+$/, "").replace(/\/$/, "");
}

/**
 * Ties the numbered references of an answer to the pages they name: `[2] Festival — https://…`
 * (or `[2] https://…`) cites the page at that address. The first definition of a number counts,
 * and a page is cited under one number.
 */
export function resolvePageCitations(answer: string, pages: CitablePage[]): ResolvedPageCitation[] {
  const byUrl = new Map<string, CitablePage>();
  for (const page of pages) {
    for (const url of [page.url, page.requestedUrl]) {
      if (url && !byUrl.has(normalize(url))) byUrl.set(normalize(url), page);
    }
  }
  const resolved: ResolvedPageCitation[] = [];
  const cited = new Set<CitablePage>();
  const markers = findCitationMarkers(answer).filter((marker) => marker.numbers.length === 1);
  markers.forEach((marker, index) => {
    const number = marker.numbers[0];
    const after = answer.slice(marker.end, markers[index + 1]?.start ?? answer.length).split("\n")[0];
    const page = (after.match(urlPattern) ?? [])
      .map((url) => byUrl.get(normalize(url)))
      .find((candidate) => candidate !== undefined);
    if (!page || cited.has(page) || resolved.some((citation) => citation.number === number)) return;
    cited.add(page);
    resolved.push({ number, page });
  });
  return resolved.sort((left, right) => left.number - right.number);
}
