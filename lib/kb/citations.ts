import { findCitationMarkers } from "@/lib/chat/citation-markers";

/** What a citation needs of a passage the retriever's search returned. */
export interface CitablePassage {
  documentId: string;
  documentName: string;
  page?: number | null;
  chunkIndex: number;
  heading?: string | null;
  text?: string;
  /** A file attached to the conversation, not a knowledge-base document: it has no page to open. */
  attached?: boolean;
}

/** A numbered reference of an answer, tied to the passage it cites. */
export interface ResolvedCitation {
  number: number;
  passage: CitablePassage;
}

const maxFallbackSources = 5;

/**
 * Ties the numbered references of an answer (`… 4.2 kg [1]` with `[1] handbook.md, page 2` in its
 * source list) to the passages the search returned: a reference names a document (and maybe a
 * page); among that document's passages, the one sharing most words with the sentences cited as
 * [n] is the one it cites. An answer without a source list cites the passages in search order.
 * Safe on the client (no server imports).
 */
export function resolveCitations(answer: string, passages: CitablePassage[]): ResolvedCitation[] {
  const unique = uniquePassages(passages);
  if (unique.length === 0) return [];
  const { definitions, citedText } = readReferences(answer, unique);
  if (definitions.size === 0) {
    return unique.slice(0, maxFallbackSources).map((passage, index) => ({ number: index + 1, passage }));
  }
  const resolved: ResolvedCitation[] = [];
  for (const [number, definition] of [...definitions].sort(([left], [right]) => left - right)) {
    const passage = bestPassage(definition, citedText.get(number) ?? "", unique);
    if (passage) resolved.push({ number, passage });
  }
  return resolved;
}

function uniquePassages(passages: CitablePassage[]): CitablePassage[] {
  const seen = new Set<string>();
  return passages.filter((passage) => {
    const key = `${passage.documentId}#${passage.chunkIndex}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Splits the markers into definitions (followed by a document name) and uses (the text they cite). */
function readReferences(answer: string, passages: CitablePassage[]) {
  const names = [...new Set(passages.map((passage) => passage.documentName.toLowerCase()))];
  const definitions = new Map<number, string>();
  const citedText = new Map<number, string>();
  // `[1]` and `[1, 2]` alike: the sentence before a marker is cited by every number in it.
  for (const { start, end, numbers } of findCitationMarkers(answer)) {
    const after = answer.slice(end).split(/\n|\[\d/)[0];
    if (numbers.length === 1 && names.some((name) => after.toLowerCase().includes(name))) {
      if (!definitions.has(numbers[0])) definitions.set(numbers[0], after);
      continue;
    }
    const lineStart = answer.lastIndexOf("\n", start) + 1;
    const before =
      answer
        .slice(lineStart, start)
        .split(/\[\d{1,3}(?:\s*,\s*\d{1,3})*\]/)
        .at(-1) ?? "";
    for (const number of numbers) citedText.set(number, `${citedText.get(number) ?? ""} ${before}`);
  }
  return { definitions, citedText };
}

function bestPassage(
  definition: string,
  cited: string,
  passages: CitablePassage[],
): CitablePassage | undefined {
  const lower = definition.toLowerCase();
  const longestName = passages
    .map((passage) => passage.documentName)
    .filter((name) => lower.includes(name.toLowerCase()))
    .sort((left, right) => right.length - left.length)[0];
  let candidates = passages.filter((passage) => passage.documentName === longestName);
  const page = /\bpage\s+(\d+)/i.exec(definition)?.[1];
  const onPage = candidates.filter((passage) => page !== undefined && passage.page === Number(page));
  if (onPage.length > 0) candidates = onPage;
  const wanted = words(cited);
  let best = candidates[0];
  let bestScore = -1;
  for (const candidate of candidates) {
    const have = words(candidate.text ?? "");
    const score = [...wanted].filter((word) => have.has(word)).length;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
}
