import { contentTokens } from "@/lib/models/text-features";

/** About two pages of text: enough to answer from, small enough to leave room in the model's context. */
export const defaultMaxCharacters = 9000;

interface Block {
  index: number;
  text: string;
  isHeading: boolean;
  score: number;
}

function splitBlocks(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block, index) => ({ index, text: block, isHeading: /^#{1,6}\s/.test(block), score: 0 }));
}

/** Scores blocks by the query terms they contain, rarer terms counting more (an IDF weight). */
function scoreBlocks(blocks: Block[], query: string): void {
  const queryTokens = new Set(contentTokens(query));
  const tokenSets = blocks.map((block) => new Set(contentTokens(block.text)));
  for (const token of queryTokens) {
    const containing = tokenSets.filter((tokens) => tokens.has(token)).length;
    if (containing === 0) continue;
    const weight = Math.log(1 + blocks.length / containing);
    tokenSets.forEach((tokens, index) => {
      if (tokens.has(token)) blocks[index].score += weight;
    });
  }
}

function leadingBlocks(blocks: Block[], maxCharacters: number): Block[] {
  const chosen: Block[] = [];
  let used = 0;
  for (const block of blocks) {
    if (used + block.text.length > maxCharacters) break;
    chosen.push(block);
    used += block.text.length + 2;
  }
  if (chosen.length === 0 && blocks[0])
    chosen.push({ ...blocks[0], text: blocks[0].text.slice(0, maxCharacters) });
  return chosen;
}

function bestBlocks(blocks: Block[], maxCharacters: number): Block[] {
  const ranked = blocks
    .filter((block) => block.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const chosen = new Map<number, Block>();
  let used = 0;
  for (const block of ranked) {
    const remaining = maxCharacters - used;
    if (remaining < 200) break;
    const text = block.text.length > remaining ? `${block.text.slice(0, remaining - 1)}…` : block.text;
    chosen.set(block.index, { ...block, text });
    used += text.length + 2;
    // The heading above a passage tells the reader where it comes from; it is cheap.
    const heading = blocks.slice(0, block.index).findLast((candidate) => candidate.isHeading);
    if (heading && !chosen.has(heading.index) && heading.text.length < 200) {
      chosen.set(heading.index, heading);
      used += heading.text.length + 2;
    }
  }
  return [...chosen.values()].sort((a, b) => a.index - b.index);
}

function joinWithGaps(chosen: Block[], total: number): string {
  const parts = chosen.map((block, position) => {
    const previousIndex = position === 0 ? -1 : chosen[position - 1].index;
    return block.index === previousIndex + 1 ? block.text : `[…]\n\n${block.text}`;
  });
  if (chosen.length > 0 && (chosen.at(-1)?.index ?? 0) < total - 1) parts.push("[…]");
  return parts.join("\n\n");
}

/**
 * Returns the text whole when it fits in `maxCharacters`; otherwise the paragraphs most relevant
 * to `query` (term overlap, rarer terms weighted more), in their original order with "[…]" where
 * text was left out, and a first line saying how much is shown. Without a query, or when nothing
 * matches, the beginning of the text.
 */
export function selectRelevantPassages(
  text: string,
  query = "",
  maxCharacters = defaultMaxCharacters,
): string {
  if (text.length <= maxCharacters) return text;
  const blocks = splitBlocks(text);
  scoreBlocks(blocks, query);
  const relevant = bestBlocks(blocks, maxCharacters);
  if (relevant.length > 0) {
    const body = joinWithGaps(relevant, blocks.length);
    return `_Showing the passages most relevant to the task (${body.length} of ${text.length} characters)._\n\n${body}`;
  }
  const body = joinWithGaps(leadingBlocks(blocks, maxCharacters), blocks.length);
  return `_Showing the beginning of the page (${body.length} of ${text.length} characters)._\n\n${body}`;
}
