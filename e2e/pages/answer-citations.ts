import { expect, type Locator } from "@playwright/test";
import type { ChatApiRun } from "./chat-api";

const citationName = /^Source (\d+): (.*)$/;

/**
 * The citations of one answer as a reader meets them: each inline [n] of the text is a link named
 * "Source n: <source>", and the Sources list under the answer names the same sources by number.
 */
export class AnswerCitations {
  readonly sources: Locator;

  constructor(readonly answer: Locator) {
    this.sources = answer.getByRole("navigation", { name: "Sources" });
  }

  /** Every inline citation of the answer (the Sources list names its links by title alone). */
  inline(): Locator {
    return this.answer.getByRole("link", { name: citationName });
  }

  /** The inline citations of the source whose name starts so, e.g. "harbour-rules.md". */
  of(sourceName: string): Locator {
    const escaped = sourceName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return this.answer.getByRole("link", { name: new RegExp(`^Source \\d+: ${escaped}`) });
  }

  /** The number an inline citation shows, read from its accessible name. */
  async numberOf(citation: Locator): Promise<number> {
    const name = await citation.getAttribute("aria-label");
    const number = citationName.exec(name ?? "")?.[1];
    expect(number, `a citation named "Source n: …", not "${name}"`).toBeDefined();
    return Number(number);
  }

  /** Each number cited inline, with the one source it names (a number naming two fails). */
  async sourcesByNumber(): Promise<Map<number, string>> {
    const byNumber = new Map<number, string>();
    for (const name of await this.inline().evaluateAll((links) =>
      links.map((link) => link.getAttribute("aria-label") ?? ""),
    )) {
      const [, number, source] = citationName.exec(name) ?? [];
      expect(byNumber.get(Number(number)) ?? source, `[${number}] names one source`).toBe(source);
      byNumber.set(Number(number), source);
    }
    return byNumber;
  }
}

/**
 * The manager's answer text of a run read through the API: its own text deltas, not the
 * sub-agents' texts, which reach the stream inside their tool outputs.
 */
export function answerTextOf(run: ChatApiRun): string {
  return run.stream
    .split("\n")
    .filter((line) => line.startsWith("data: {"))
    .map((line) => JSON.parse(line.slice("data: ".length)) as { type: string; delta?: string })
    .flatMap((chunk) => (chunk.type === "text-delta" && chunk.delta ? [chunk.delta] : []))
    .join("");
}
