import type { EmbeddingModelV4, EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from "@ai-sdk/provider";
import { contentTokens, hashString } from "./text-features";

export const offlineEmbeddingDimensions = 384;

/**
 * Embeds text without weights: signed feature hashing of words, word pairs and character
 * trigrams, weighted so that words dominate, then L2-normalised. Similar wording gives
 * similar vectors, which is what hybrid search needs from it.
 */
export function embedOffline(text: string, dimensions = offlineEmbeddingDimensions): number[] {
  const vector = new Float64Array(dimensions);
  const tokens = contentTokens(text);
  const add = (feature: string, weight: number) => {
    const hash = hashString(feature);
    const sign = hash & 1 ? 1 : -1;
    vector[(hash >>> 1) % dimensions] += sign * weight;
  };
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    add(`w:${token}`, 1);
    if (index + 1 < tokens.length) add(`b:${token} ${tokens[index + 1]}`, 0.5);
    const padded = ` ${token} `;
    for (let start = 0; start + 3 <= padded.length; start++) add(`c:${padded.slice(start, start + 3)}`, 0.25);
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  return Array.from(vector, (value) => value / norm);
}

/** The offline embedding model, behind the AI SDK's embedding interface. */
export function createOfflineEmbeddingModel(): EmbeddingModelV4 {
  return {
    specificationVersion: "v4",
    provider: "offline",
    modelId: `hashed-ngrams-${offlineEmbeddingDimensions}`,
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
