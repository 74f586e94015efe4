import { contentTokens } from "../text-features";

/** A passage a tool returned, with what to cite it as. */
export interface SourcePassage {
  text: string;
  citation: string;
}

interface RankedSentence {
  sentence: string;
  sourceIndex: number;
  score: number;
  order: number;
}

/** Splits text into sentences, keeping list items and headings as their own units. */
export function splitSentences(text: string): string[] {
  return text
    .replace(/\r/g, "")
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z0-9"“(])/)
    .map((sentence) => sentence.replace(/^[#>*\-\s]+/, "").trim())
    .filter((sentence) => sentence.length >= 12 && /[\p{L}\p{N}]/u.test(sentence));
}

/**
 * Ranks every sentence of the passages by how many of the question's words it shares
 * (rarer words count more), and returns the best few with the passage they came from.
 */
export function rankSentences(question: string, passages: SourcePassage[], limit = 3): RankedSentence[] {
  const questionTokens = new Set(contentTokens(question));
  const documentFrequency = new Map<string, number>();
  const sentencesByPassage = passages.map((passage) => splitSentences(passage.text));
  for (const sentences of sentencesByPassage) {
    for (const sentence of sentences) {
      for (const token of new Set(contentTokens(sentence))) {
        documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
      }
    }
  }
  const ranked: RankedSentence[] = [];
  let order = 0;
  sentencesByPassage.forEach((sentences, sourceIndex) => {
    for (const sentence of sentences) {
      let score = 0;
      for (const token of new Set(contentTokens(sentence))) {
        if (questionTokens.has(token)) score += 1 / Math.log2(1 + (documentFrequency.get(token) ?? 1));
      }
      // Earlier passages were ranked higher by the search; a small prior keeps that order on ties.
      score += 0.01 / (1 + sourceIndex);
      ranked.push({ sentence, sourceIndex, score, order: order++ });
    }
  });
  const chosen = ranked
    .sort((left, right) => right.score - left.score)
    .slice(0, limit)
    .filter((entry, index) => index === 0 || entry.score >= 0.3);
  return chosen.sort((left, right) => left.order - right.order);
}

export interface ExtractiveAnswerOptions {
  /** The sentence before the quotes, e.g. "From your documents:". */
  lead: string;
  /** Something the reader should know about the search, said after the quotes. */
  notice?: string;
}

const sourcesListStart = "\n\n**Sources**\n\n";

/**
 * Writes an answer that quotes the sentences that best answer the question and cites them as
 * numbered references, listing the references at the end: the list is what ties each [n] to its
 * passage (see lib/kb/citations.ts).
 */
export function writeExtractiveAnswer(
  question: string,
  passages: SourcePassage[],
  { lead, notice }: ExtractiveAnswerOptions,
): string {
  const ranked = rankSentences(question, passages);
  if (ranked.length === 0) return "";
  const referenceNumbers = new Map<number, number>();
  const quoted = ranked.map(({ sentence, sourceIndex }) => {
    if (!referenceNumbers.has(sourceIndex)) referenceNumbers.set(sourceIndex, referenceNumbers.size + 1);
    return `> ${sentence} [${referenceNumbers.get(sourceIndex)}]`;
  });
  const references = [...referenceNumbers.entries()].map(
    ([sourceIndex, number]) => `[${number}] ${passages[sourceIndex].citation}`,
  );
  const body = [lead, quoted.join("\n>\n"), ...(notice ? [notice] : [])].join("\n\n");
  return `${body}${sourcesListStart}${references.join("\n\n")}`;
}

/**
 * An extractive answer without its list of references, keeping its [n]: the chat lists the
 * sources of the whole answer under it, so the manager's answer does not repeat them.
 */
export function withoutSourcesList(answer: string): string {
  const start = answer.lastIndexOf(sourcesListStart);
  return start === -1 ? answer : answer.slice(0, start);
}
