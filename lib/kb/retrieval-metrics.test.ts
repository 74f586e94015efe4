import { describe, expect, it } from "vitest";
import { firstRelevantRank, summarizeRanks } from "./retrieval-metrics";

const question = { id: "q1", kind: "keyword", question: "?", document: "a.md", answer: "forty-three  dives" };

describe("retrieval metrics", () => {
  it("ranks the first passage of the labelled document that contains the answer", () => {
    const passages = [
      { documentName: "b.md", text: "forty-three dives" },
      { documentName: "a.md", text: "nothing here" },
      { documentName: "a.md", text: "He made Forty-three\ndives." },
    ];
    expect(firstRelevantRank(question, passages)).toBe(3);
    expect(firstRelevantRank(question, passages.slice(0, 2))).toBeUndefined();
  });

  it("computes recall@k and MRR, counting misses as zero", () => {
    const { recall, mrr } = summarizeRanks([1, 2, 6, undefined], 5);
    expect(recall).toBe(0.5);
    expect(mrr).toBeCloseTo((1 + 0.5 + 1 / 6) / 4);
    expect(summarizeRanks([], 5)).toEqual({ recall: 0, mrr: 0 });
  });
});
