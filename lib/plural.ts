/** "1 page", "2 pages", "1,200 passages": a count with its noun, singular only for exactly one. */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en")} ${noun}${count === 1 ? "" : "s"}`;
}
