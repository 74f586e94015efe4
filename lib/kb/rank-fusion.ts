/** The constant from Cormack et al. (2009): dampens the weight of the very first ranks. */
export const reciprocalRankConstant = 60;

/** A ranked list to fuse, best first, and how much its ranks count (1 unless said otherwise). */
export interface Ranking<Item> {
  items: Item[];
  weight?: number;
}

/**
 * Weighted reciprocal rank fusion: each item scores the sum of weight / (constant + rank) over the
 * ranked lists it appears in (rank from 1). Items found by several retrievers rise; raw scores of
 * different kinds (cosine distance, BM25) never need to be compared. Returns items with their fused
 * score, best first.
 */
export function fuseRankings<Item>(
  rankings: Array<Ranking<Item>>,
  keyOf: (item: Item) => string,
  constant = reciprocalRankConstant,
): Array<{ item: Item; score: number }> {
  const fused = new Map<string, { item: Item; score: number; firstSeen: number }>();
  let order = 0;
  for (const { items, weight = 1 } of rankings) {
    items.forEach((item, index) => {
      const key = keyOf(item);
      const entry = fused.get(key) ?? { item, score: 0, firstSeen: order++ };
      entry.score += weight / (constant + index + 1);
      fused.set(key, entry);
    });
  }
  return [...fused.values()]
    .sort((left, right) => right.score - left.score || left.firstSeen - right.firstSeen)
    .map(({ item, score }) => ({ item, score }));
}
