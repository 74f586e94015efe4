import type { EmbeddingModelV4, EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from "@ai-sdk/provider";
import { contentTokens, hashString } from "./text-features";

export const offlineEmbeddingDimensions = 2048;
/** Length of the character n-grams the offline model embeds. */
const gramLength = 4;
/** A whole word counts this much against one of its 4-grams. */
const wordWeight = 0.3;

/**
 * Embeds text without weights: the character 4-grams of every content word (padded with a space on
 * each side, so word starts and ends count) and, more lightly, the words themselves; each feature's
 * count is saturated (log(1 + weight × count)), signed-hashed into 2048 dimensions, and the vector is
 * L2-normalised.
 *
 * It is a fuzzy retriever by design, the complement of BM25's exact words: "anchorring forbiden"
 * still shares most 4-grams with "anchoring is forbidden", where a misspelt word matches nothing in a
 * word index. Heavier word and word-pair features only made it a noisier copy of BM25; fewer
 * dimensions let hash collisions decide close rankings (see eval/README.md).
 */
export function embedOffline(text: string, dimensions = offlineEmbeddingDimensions): number[] {
  const tokens = contentTokens(text);
  const words = new Uint32Array(tokens.length);
  // A token of n characters has n - 1 padded 4-grams.
  const grams = new Uint32Array(tokens.reduce((total, token) => total + token.length, 0));
  let gramCount = 0;
  tokens.forEach((token, index) => {
    words[index] = hashString(`w:${token}`);
    const padded = ` ${token} `;
    for (let start = 0; start + gramLength <= padded.length; start++) {
      grams[gramCount++] = hashString(padded, start, start + gramLength, gramSeed);
    }
  });
  const vector = new Array<number>(dimensions).fill(0);
  addSaturated(vector, words, wordWeight);
  addSaturated(vector, grams.subarray(0, gramCount), 1);
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  for (let index = 0; index < dimensions; index++) vector[index] /= norm;
  return vector;
}

/**
 * Adds each distinct feature once, as ±log(1 + weight × count) at its hashed dimension. Features
 * are their 32-bit hashes (collisions at that width are negligible), counted by sorting: no string
 * or map entry per 4-gram in what is the hot loop of ingestion on the offline model.
 */
function addSaturated(vector: number[], hashes: Uint32Array, weight: number): void {
  const sorted = hashes.sort();
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (end < sorted.length && sorted[end] === sorted[start]) end++;
    const hash = sorted[start];
    vector[(hash >>> 1) % vector.length] += (hash & 1 ? 1 : -1) * Math.log1p(weight * (end - start));
    start = end;
  }
}

// The hash of the prefix "c:": continued over a 4-gram, it equals hashString(`c:${gram}`).
const gramSeed = hashString("c:");

/**
 * How much the offline model's ranking counts in hybrid search's rank fusion, against BM25's 1. It
 * finds what exact words miss (recall) but orders close matches less surely than BM25, so a half vote
 * lets it add passages without reordering BM25's confident first results. A configured (semantic)
 * model votes fully.
 */
export const offlineFusionWeight = 0.5;

/** The offline embedding model, behind the AI SDK's embedding interface. */
export function createOfflineEmbeddingModel(): EmbeddingModelV4 {
  return {
    specificationVersion: "v4",
    provider: "offline",
    modelId: `char${gramLength}grams-${offlineEmbeddingDimensions}`,
    maxEmbeddingsPerCall: 256,
    supportsParallelCalls: true,
    async doEmbed({ values }: EmbeddingModelV4CallOptions): Promise<EmbeddingModelV4Result> {
      return {
        embeddings: values.map((value) => embedOffline(value)),
        usage: { tokens: values.reduce((total, value) => total + contentTokens(value).length, 0) },
        warnings: [],
      };
    },
  };
}
