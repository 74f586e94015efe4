// `npm run eval:retrieval`: recall@5 and MRR of the knowledge base's search on the labelled question
// set in eval/ (see eval/README.md), for vector-only, BM25-only and hybrid search, on the offline
// embeddings and, when OPENAI_API_KEY is set, on the configured embedding model. The documents go
// through the real upload pipeline into a temporary DATA_DIR. Exits 1 when hybrid does not beat both.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDatabaseForTests } from "@/lib/db/database";
import { resetEnvironmentForTests } from "@/lib/env";
import { currentEmbeddingModel } from "@/lib/kb/embedding-identity";
import { ingestUpload } from "@/lib/kb/ingest";
import { waitForIngestion } from "@/lib/kb/ingestion-jobs";
import { firstRelevantRank, type LabelledQuestion, summarizeRanks } from "@/lib/kb/retrieval-metrics";
import { type SearchMode, searchKnowledgeBase } from "@/lib/kb/search";
import { closeKnowledgeStoreForTests } from "@/lib/kb/store";

const evalDirectory = path.join(import.meta.dirname, "..", "eval");
const recallAt = 5;
const rankDepth = 10;
const modes: Array<{ mode: SearchMode; label: string }> = [
  { mode: "vector", label: "vector only" },
  { mode: "text", label: "BM25 only" },
  { mode: "hybrid", label: "hybrid (RRF)" },
];

type Scores = Record<SearchMode, { recall: number; mrr: number; byKind: Record<string, number> }>;

// `npm run eval:retrieval -- --details` also lists every question the three searches rank differently.
const showDetails = process.argv.includes("--details");

async function ingestDocuments(): Promise<void> {
  const folder = path.join(evalDirectory, "documents");
  for (const name of readdirSync(folder)) {
    const { documents } = await ingestUpload([new File([readFileSync(path.join(folder, name))], name)]);
    const finished = await waitForIngestion(documents[0].id);
    if (finished?.status !== "ready") throw new Error(`${name} was not ingested: ${finished?.error}`);
  }
}

async function score(questions: LabelledQuestion[]): Promise<Scores> {
  const scores = {} as Scores;
  const ranksByMode = {} as Record<SearchMode, Array<number | undefined>>;
  for (const { mode } of modes) {
    const ranks: Array<number | undefined> = [];
    const byKind: Record<string, Array<number | undefined>> = {};
    for (const question of questions) {
      const { passages } = await searchKnowledgeBase({ query: question.question, k: rankDepth, mode });
      const rank = firstRelevantRank(question, passages);
      ranks.push(rank);
      byKind[question.kind] = [...(byKind[question.kind] ?? []), rank];
    }
    const kinds = Object.fromEntries(
      Object.entries(byKind).map(([kind, list]) => [kind, summarizeRanks(list, recallAt).recall]),
    );
    scores[mode] = { ...summarizeRanks(ranks, recallAt), byKind: kinds };
    ranksByMode[mode] = ranks;
  }
  if (showDetails) printDetails(questions, ranksByMode);
  return scores;
}

/** Runs the evaluation with the given environment in a fresh data directory. */
async function evaluate(
  label: string,
  environment: Record<string, string | undefined>,
  questions: LabelledQuestion[],
) {
  const saved = { ...process.env };
  const directory = mkdtempSync(path.join(tmpdir(), "agent-team-eval-"));
  Object.assign(process.env, { DATA_DIR: directory });
  for (const [name, value] of Object.entries(environment)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvironmentForTests();
  try {
    await ingestDocuments();
    const scores = await score(questions);
    print(`${label}: ${currentEmbeddingModel().name}`, scores, questions);
    return scores;
  } finally {
    await closeKnowledgeStoreForTests();
    await closeDatabaseForTests();
    process.env = saved;
    resetEnvironmentForTests();
    rmSync(directory, { recursive: true, force: true });
  }
}

function print(title: string, scores: Scores, questions: LabelledQuestion[]): void {
  const kinds = [...new Set(questions.map((question) => question.kind))];
  console.log(`\n${title}`);
  console.log(
    `| search | recall@${recallAt} | MRR@${rankDepth} | ${kinds.map((kind) => `recall@${recallAt} ${kind}`).join(" | ")} |`,
  );
  console.log(`| --- | --- | --- | ${kinds.map(() => "---").join(" | ")} |`);
  for (const { mode, label } of modes) {
    const { recall, mrr, byKind } = scores[mode];
    console.log(
      `| ${label} | ${recall.toFixed(3)} | ${mrr.toFixed(3)} | ${kinds.map((kind) => byKind[kind].toFixed(3)).join(" | ")} |`,
    );
  }
}

function printDetails(
  questions: LabelledQuestion[],
  ranks: Record<SearchMode, Array<number | undefined>>,
): void {
  const show = (rank: number | undefined) => String(rank ?? "-").padStart(2);
  console.log(
    "\nQuestions ranked differently (first relevant rank: vector, BM25, hybrid; - = not in top 10):",
  );
  questions.forEach((question, index) => {
    const row = modes.map(({ mode }) => ranks[mode][index]);
    if (row.every((rank) => rank === row[0])) return;
    console.log(
      `${question.id} ${question.kind.padEnd(10)} ${row.map(show).join(" ")}  ${question.question}`,
    );
  });
}

function hybridWins(scores: Scores): boolean {
  const { hybrid, vector, text } = scores;
  return hybrid.mrr > Math.max(vector.mrr, text.mrr) && hybrid.recall >= Math.max(vector.recall, text.recall);
}

const questions = JSON.parse(
  readFileSync(path.join(evalDirectory, "questions.json"), "utf8"),
) as LabelledQuestion[];
const documents = readdirSync(path.join(evalDirectory, "documents")).length;
console.log(
  `Retrieval evaluation: ${questions.length} labelled questions over ${documents} documents (eval/).`,
);
const runs = [await evaluate("Offline embeddings", { OPENAI_API_KEY: undefined }, questions)];
if (process.env.OPENAI_API_KEY) runs.push(await evaluate("Configured embeddings", {}, questions));
else
  console.log(
    "\nNo OPENAI_API_KEY: the configured-model run is skipped (set it to evaluate that model too).",
  );
const failed = runs.filter((scores) => !hybridWins(scores)).length;
console.log(
  failed
    ? "\nFAIL: hybrid does not beat both vector-only and BM25-only."
    : "\nOK: hybrid beats both vector-only and BM25-only.",
);
process.exitCode = failed ? 1 : 0;
