import type { UIMessage, UIMessageChunk, UIMessageStreamWriter } from "ai";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { highestCitationNumber, shiftCitationNumbers } from "@/lib/chat/citation-markers";
import { type CitablePage, resolvePageCitations } from "@/lib/chat/page-citations";
import { type CitablePassage, resolveCitations } from "@/lib/kb/citations";
import { passageUrl } from "@/lib/kb/passage-url";

/**
 * The citation numbers of one answer. Every sub-agent numbers its references from [1]; each one
 * that finishes takes the next block of numbers, so that all the [n] of the answer are distinct.
 */
export class CitationNumbering {
  private used = 0;

  /** Takes `count` numbers and returns the offset that turns the agent's [1]…[count] into them. */
  reserve(count: number): number {
    const offset = this.used;
    this.used += count;
    return offset;
  }
}

/**
 * What a knowledge-base source carries in its `providerMetadata.knowledgeBase`: its reference number
 * and the passage to open (none for a file attached to the conversation, which is not stored).
 */
export interface KnowledgeSourceMetadata {
  reference: number;
  documentId: string;
  chunkIndex: number;
  page: number | null;
  heading: string | null;
  url?: string;
  attached?: boolean;
}

type SourceChunk = Extract<UIMessageChunk, { type: "source-document" | "source-url" }>;

interface ToolOutputs {
  passages: CitablePassage[];
  /** Pages the agent read, each once; every one is a source of the answer. */
  visited: Map<string, CitablePage>;
  /** Search results, a source only when the answer cites one by its address. */
  found: CitablePage[];
}

function collectToolOutputs(message: UIMessage): ToolOutputs {
  const outputs: ToolOutputs = { passages: [], visited: new Map(), found: [] };
  for (const part of message.parts) {
    if (!("state" in part) || part.state !== "output-available" || !("output" in part)) continue;
    const output = part.output as {
      passages?: CitablePassage[];
      results?: CitablePage[];
      url?: string;
      title?: string;
    };
    if (part.type === "tool-search_knowledge_base") outputs.passages.push(...(output.passages ?? []));
    if (part.type === "tool-web_search") outputs.found.push(...(output.results ?? []));
    if (part.type === "tool-visit_webpage" && output.url && !outputs.visited.has(output.url)) {
      const requestedUrl = (part.input as { url?: string } | undefined)?.url;
      outputs.visited.set(output.url, { url: output.url, title: output.title, requestedUrl });
    }
  }
  return outputs;
}

function documentSource(number: number, passage: CitablePassage): SourceChunk {
  const metadata: KnowledgeSourceMetadata = {
    reference: number,
    documentId: passage.documentId,
    chunkIndex: passage.chunkIndex,
    page: passage.page ?? null,
    heading: passage.heading ?? null,
    ...(passage.attached ? { attached: true } : { url: passageUrl(passage.documentId, passage.chunkIndex) }),
  };
  return {
    type: "source-document",
    sourceId: `document:${passage.documentId}`,
    mediaType: "text/plain",
    title: passage.page ? `${passage.documentName}, page ${passage.page}` : passage.documentName,
    filename: passage.documentName,
    providerMetadata: { knowledgeBase: { ...metadata } },
  };
}

function pageSource(number: number, page: CitablePage): SourceChunk {
  return {
    type: "source-url",
    sourceId: page.url,
    url: page.url,
    title: page.title,
    providerMetadata: { web: { reference: number } },
  };
}

/**
 * Numbers what a finished sub-agent cited within the whole answer: its numbered references become
 * source parts (a knowledge-base passage with the link that opens it, `/knowledge/<id>?passage=<n>#chunk-<n>`,
 * or a web page), and the [n] of its answer are shifted to the same numbers, so the manager's
 * model and the user read one number per source however many agents answered.
 */
export function citeSubAgentAnswer(
  message: UIMessage,
  numbering: CitationNumbering,
): { message: UIMessage; sources: SourceChunk[] } {
  const answerIndex = message.parts.findLastIndex((part) => part.type === "text");
  const answerPart = message.parts[answerIndex];
  const answer = answerPart?.type === "text" ? answerPart.text : "";
  const { passages, visited, found } = collectToolOutputs(message);
  const documents = resolveCitations(answer, passages);
  const cited = resolvePageCitations(answer, [...visited.values(), ...found]);
  // Pages read but not cited by number are still sources: numbered after what the answer cites,
  // or in reading order when the answer names no page.
  const citedUrls = new Set(cited.map(({ page }) => page.url));
  let next = Math.max(
    0,
    ...documents.map(({ number }) => number),
    ...(cited.length > 0 ? [highestCitationNumber(answer), ...cited.map(({ number }) => number)] : []),
  );
  const pages = [
    ...cited,
    ...[...visited.values()]
      .filter((page) => !citedUrls.has(page.url))
      .map((page) => ({ number: ++next, page })),
  ];
  const offset = numbering.reserve(Math.max(next, highestCitationNumber(answer)));
  const sources = [
    ...documents.map(({ number, passage }) => ({ number, source: documentSource(number + offset, passage) })),
    ...pages.map(({ number, page }) => ({ number, source: pageSource(number + offset, page) })),
  ]
    .sort((left, right) => left.number - right.number)
    .map(({ source }) => source);
  if (offset === 0 || answerPart?.type !== "text") return { message, sources };
  const parts = message.parts.with(answerIndex, {
    ...answerPart,
    text: shiftCitationNumbers(answer, offset),
  });
  return { message: { ...message, parts }, sources };
}

/**
 * Lifts the sources a finished sub-agent used into source parts of the answer, so that citations
 * survive delegation and show under the manager's answer, and returns its message renumbered for
 * the whole answer (see `citeSubAgentAnswer`).
 */
export function writeSourcesFromSubAgent(
  writer: UIMessageStreamWriter<ChatMessage>,
  message: UIMessage,
  numbering: CitationNumbering,
): UIMessage {
  const cited = citeSubAgentAnswer(message, numbering);
  for (const source of cited.sources) writer.write(source);
  return cited.message;
}
