import { describe, expect, it } from "vitest";
import { fuseRankings } from "./rank-fusion";

describe("fuseRankings", () => {
  it("sums 1 / (60 + rank) over the lists an item appears in", () => {
    const fused = fuseRankings(
      [
        ["a", "b", "c"],
        ["c", "a"],
      ],
      (item) => item,
    );
    expect(fused.map(({ item }) => item)).toEqual(["a", "c", "b"]);
    expect(fused[0].score).toBeCloseTo(1 / 61 + 1 / 62);
    expect(fused[1].score).toBeCloseTo(1 / 63 + 1 / 61);
    expect(fused[2].score).toBeCloseTo(1 / 62);
  });

  it("lets an item found by both retrievers beat one ranked first by only one", () => {
    const fused = fuseRankings(
      [
        ["vector-only", "both"],
        ["words-only", "both"],
      ],
      (item) => item,
    );
    expect(fused[0].item).toBe("both");
  });

  it("keeps first-seen order on ties and handles empty lists", () => {
    expect(fuseRankings([["x"], ["y"]], (item) => item).map(({ item }) => item)).toEqual(["x", "y"]);
    expect(fuseRankings([[], []], (item: string) => item)).toEqual([]);
  });
});
