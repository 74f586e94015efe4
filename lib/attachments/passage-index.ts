import { contentTokens } from "@/lib/models/text-features";

/** A passage of an attached file, searchable for one request. */
export interface AttachmentPassage {
  attachmentId: string;
  name: string;
  text: string;
  page: number | null;
  heading: string | null;
  chunkIndex: number;
}

interface IndexedPassage {
  passage: AttachmentPassage;
  termCounts: Map<string, number>;
  length: number;
}

// BM25's usual constants: term frequency saturates quickly; long passages are mildly penalised.
const saturation = 1.2;
const lengthWeight = 0.75;

/**
 * An in-memory BM25 index over the passages of a request's attachments. It lives and dies with the
 * request: attached files never join the knowledge base.
 */
export class PassageIndex {
  private readonly entries: IndexedPassage[];
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;

  constructor(passages: AttachmentPassage[]) {
    this.entries = passages.map((passage) => {
      const tokens = contentTokens(`${passage.heading ?? ""} ${passage.text}`);
      const termCounts = new Map<string, number>();
      for (const token of tokens) termCounts.set(token, (termCounts.get(token) ?? 0) + 1);
      for (const token of termCounts.keys()) {
        this.documentFrequency.set(token, (this.documentFrequency.get(token) ?? 0) + 1);
      }
      return { passage, termCounts, length: tokens.length };
    });
    this.averageLength =
      this.entries.reduce((total, entry) => total + entry.length, 0) / (this.entries.length || 1);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The passages that share words with the query, best first, at most `limit`. */
  search(query: string, limit: number): Array<AttachmentPassage & { score: number }> {
    const terms = [...new Set(contentTokens(query))];
    const scored = this.entries.map((entry) => ({ entry, score: this.score(entry, terms) }));
    return scored
      .filter(({ score }) => score > 0)
      .sort((left, right) => right.score - left.score)
      .slice(0, limit)
      .map(({ entry, score }) => ({ ...entry.passage, score }));
  }

  private score(entry: IndexedPassage, terms: string[]): number {
    let score = 0;
    for (const term of terms) {
      const frequency = entry.termCounts.get(term);
      if (!frequency) continue;
      const containing = this.documentFrequency.get(term) ?? 0;
      const rarity = Math.log(1 + (this.entries.length - containing + 0.5) / (containing + 0.5));
      const normalisedLength = 1 - lengthWeight + lengthWeight * (entry.length / (this.averageLength || 1));
      score += (rarity * frequency * (saturation + 1)) / (frequency + saturation * normalisedLength);
    }
    return score;
  }
}
