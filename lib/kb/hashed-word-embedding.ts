/**
 * A stand-in embedding for the test servers that play an OpenAI-compatible provider: each word
 * hashed to one of `dimensions` counts, L2-normalised. Plain TypeScript with no imports, so the
 * scripted server (run by Node as-is) and Vitest share it.
 */
export function hashedWordEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let hash = 7;
    for (const character of word) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
    vector[hash % dimensions] += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}
