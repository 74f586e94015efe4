/** Words that carry little meaning for retrieval or planning. */
export const stopWords = new Set(
  "a an and are as at be but by can could did do does for from had has have how i if in into is it its me my of on or our please so than that the their them then there these they this to was we were what when where which who why will with would you your about tell show give find".split(
    " ",
  ),
);

/** Lower-cased word tokens, with a light suffix stripping so "cats" and "cat" meet. */
export function tokenize(text: string): string[] {
  const words =
    text
      .toLowerCase()
      .normalize("NFKD")
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map(stemWord);
}

/** Tokens without stop words. */
export function contentTokens(text: string): string[] {
  return tokenize(text).filter((token) => !stopWords.has(token));
}

function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  for (const suffix of [
    "ational",
    "ingly",
    "ments",
    "ement",
    "ness",
    "ings",
    "edly",
    "ing",
    "ies",
    "ed",
    "es",
    "s",
  ]) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      return suffix === "ies" ? `${word.slice(0, -3)}y` : word.slice(0, -suffix.length);
    }
  }
  return word;
}

/**
 * FNV-1a, 32 bits: a fast, stable hash for feature hashing. `start` and `end` hash a slice without
 * copying it; `seed`, the hash of a prefix, continues that hash (hashString("ab") equals
 * hashString("b", 0, 1, hashString("a"))).
 */
export function hashString(value: string, start = 0, end = value.length, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let index = start; index < end; index++) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
