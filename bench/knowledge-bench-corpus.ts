// Texts from 60 topics of 40 words each, so their (offline) embeddings form clusters, as passages
// of a real knowledge base do; each also has a few random words and a unique tag.
const topicCount = 60;
const wordsPerTopic = 40;
let seed = 17;
function random(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
const syllables = [
  "ka",
  "lo",
  "mi",
  "ren",
  "sul",
  "ta",
  "ve",
  "dor",
  "qui",
  "an",
  "bex",
  "po",
  "ri",
  "gla",
  "ston",
];
const word = () =>
  Array.from(
    { length: 2 + Math.floor(random() * 3) },
    () => syllables[Math.floor(random() * syllables.length)],
  ).join("");
const topics = Array.from({ length: topicCount }, () => Array.from({ length: wordsPerTopic }, word));
const pick = <Item>(items: Item[]) => items[Math.floor(random() * items.length)];

/** The text of the `index`-th generated passage. */
export function passageText(index: number): string {
  const topic = topics[index % topicCount];
  const words = [
    ...Array.from({ length: 24 }, () => pick(topic)),
    ...Array.from({ length: 4 }, word),
    `tag${index}`,
  ];
  return words.join(" ");
}

/** Queries made of a topic's words, as a user who knows the subject asks. */
export const queries = Array.from({ length: 40 }, (_, index) =>
  Array.from({ length: 4 }, () => pick(topics[index % topicCount])).join(" "),
);
