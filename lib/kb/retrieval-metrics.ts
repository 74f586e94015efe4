/** A labelled question: the passage that answers it is the one containing `answer` in `document`. */
export interface LabelledQuestion {
  id: string;
  kind: string;
  question: string;
  document: string;
  answer: string;
}

/** A retrieved passage as the metrics need it. */
export interface RetrievedPassage {
  documentName: string;
  text: string;
}

const normalize = (text: string) => text.replace(/\s+/g, " ").toLowerCase();

/** The 1-based rank of the first passage that answers the question, or undefined when none does. */
export function firstRelevantRank(
  question: LabelledQuestion,
  passages: RetrievedPassage[],
): number | undefined {
  const answer = normalize(question.answer);
  const index = passages.findIndex(
    (passage) => passage.documentName === question.document && normalize(passage.text).includes(answer),
  );
  return index >= 0 ? index + 1 : undefined;
}

/** Recall@k (share of questions answered in the top k) and MRR (mean of 1 / rank, 0 when not found). */
export function summarizeRanks(ranks: Array<number | undefined>, k: number): { recall: number; mrr: number } {
  if (ranks.length === 0) return { recall: 0, mrr: 0 };
  const recall = ranks.filter((rank) => rank !== undefined && rank <= k).length / ranks.length;
  const mrr = ranks.reduce<number>((total, rank) => total + (rank ? 1 / rank : 0), 0) / ranks.length;
  return { recall, mrr };
}
