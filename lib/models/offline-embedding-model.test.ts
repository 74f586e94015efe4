import { describe, expect, it } from "vitest";
import { embedOffline, offlineEmbeddingDimensions } from "./offline-embedding-model";
import { hashString } from "./text-features";

const cosine = (left: number[], right: number[]) =>
  left.reduce((sum, value, index) => sum + value * right[index], 0);

describe("embedOffline", () => {
  it("returns a deterministic unit vector of the declared size", () => {
    const vector = embedOffline("Anchoring is forbidden near the lifeboat slipway.");
    expect(vector).toHaveLength(offlineEmbeddingDimensions);
    expect(cosine(vector, vector)).toBeCloseTo(1);
    expect(embedOffline("Anchoring is forbidden near the lifeboat slipway.")).toEqual(vector);
  });

  it("matches a misspelt query to the passage it means, where no word is spelt the same", () => {
    const query = embedOffline("anchorring forbiden slipway lifebaot");
    const meant = embedOffline("Anchoring is forbidden within fifty metres of the lifeboat slipway.");
    const other = embedOffline("The bakery sells rye bread and cinnamon buns every morning.");
    expect(cosine(query, meant)).toBeGreaterThan(0.3);
    expect(cosine(query, meant)).toBeGreaterThan(cosine(query, other) + 0.25);
  });

  it("saturates repeats, so one word said many times does not drown another said once", () => {
    const ferry = embedOffline("ferry");
    // log(1 + count): seven "harbour" weigh about three times one "ferry", not seven times
    // (with raw counts this similarity falls to about 0.12).
    expect(cosine(ferry, embedOffline(`ferry ${"harbour ".repeat(7)}`))).toBeGreaterThan(0.2);
  });

  it("gives empty or stop-word-only text the zero vector instead of dividing by zero", () => {
    expect(embedOffline("").every((value) => value === 0)).toBe(true);
    expect(embedOffline("the and of").every((value) => value === 0)).toBe(true);
  });

  it("hashes a slice after a prefix exactly as the whole string, which the 4-gram features rely on", () => {
    expect(hashString(" harb", 1, 5, hashString("c:"))).toBe(hashString("c:harb"));
    expect(hashString("abc", 1)).toBe(hashString("bc"));
  });
});
