import { describe, expect, it } from "vitest";
import { fuseRankings } from "./rank-fusion";

describe("fuseRankings", () => {
  it("sums 1 / (60 + rank) over the lists an item appears in", () => {
    const fused = fuseRankings([{ items: ["a", "b", "c"] }, { items: ["c", "a"] }], (item) => item);
    expect(fused.map(({ item }) => item)).toEqual(["a", "c", "b"]);
    expect(fused[0].score).toBeCloseTo(1 / 61 + 1 / 62);
    expect(fused[1].score).toBeCloseTo(1 / 63 + 1 / 61);
    expect(fused[2].score).toBeCloseTo(1 / 62);
  });

  it("lets an item found by both retrievers beat one ranked first by only one", () => {
    const fused = fuseRankings(
      [{ items: ["vector-only", "both"] }, { items: ["words-only", "both"] }],
      (item) => item,
    );
    expect(fused[0].item).toBe("both");
  });

  it("keeps first-seen order on ties and handles empty lists", () => {
    expect(
      fuseRankings([{ items: ["x"] }, { items: ["y"] }], (item) => item).map(({ item }) => item),
    ).toEqual(["x", "y"]);
    expect(fuseRankings([{ items: [] }, { items: [] }], (item: string) => item)).toEqual([]);
  });

  it("scales a list's votes by its weight, so a half-weight first place loses to a full second", () => {
    const fused = fuseRankings(
      [
        { items: ["fuzzy-first", "exact-first"], weight: 0.5 },
        { items: ["exact-first", "other", "fuzzy-first"] },
      ],
      (item) => item,
    );
    expect(fused.map(({ item }) => item)).toEqual(["exact-first", "fuzzy-first", "other"]);
    expect(fused[0].score).toBeCloseTo(0.5 / 62 + 1 / 61);
    expect(fused[1].score).toBeCloseTo(0.5 / 61 + 1 / 63);
  });
});
