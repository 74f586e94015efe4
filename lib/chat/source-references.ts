import type { ChatMessage } from "./chat-message";

/** A source of an answer, as the server writes it (see agents/sub-agent-sources.ts). */
export type SourcePart = Extract<ChatMessage["parts"][number], { type: "source-url" | "source-document" }>;

/** One numbered source of an answer, as both the Sources list and an inline `[n]` show it. */
export interface SourceReference {
  number: number;
  label: string;
  /** Where it opens; none for a file attached to the conversation, which is not stored. */
  href?: string;
  /** A web page, opened in a new tab; the others are pages of the app. */
  external: boolean;
}

interface ReferenceMetadata {
  reference?: unknown;
  url?: unknown;
  heading?: unknown;
  attached?: unknown;
}

export function isSourcePart(part: ChatMessage["parts"][number]): part is SourcePart {
  return part.type === "source-url" || part.type === "source-document";
}

// Knowledge-base sources keep their number under `knowledgeBase`, web pages under `web`.
function metadataOf(source: SourcePart): ReferenceMetadata {
  const metadata = source.providerMetadata;
  return (source.type === "source-document" ? metadata?.knowledgeBase : metadata?.web) ?? {};
}

function explicitNumber(source: SourcePart): number | undefined {
  const reference = metadataOf(source).reference;
  return typeof reference === "number" && Number.isInteger(reference) && reference > 0
    ? reference
    : undefined;
}

/** Only http(s) addresses are opened; anything else a page or a model produced is not a link. */
function safeWebUrl(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const { protocol } = new URL(url);
  return protocol === "http:" || protocol === "https:" ? url : undefined;
}

function describeSource(source: SourcePart): Omit<SourceReference, "number"> {
  if (source.type === "source-url") {
    return { label: source.title || source.url, href: safeWebUrl(source.url), external: true };
  }
  const { url, heading, attached } = metadataOf(source);
  const label = `${source.title}${typeof heading === "string" && heading ? ` — ${heading}` : ""}`;
  if (attached === true) return { label: `${label} (attached)`, external: false };
  // The passage link is the app's own; an older saved answer only has the document id.
  const href =
    typeof url === "string" && url.startsWith("/knowledge/")
      ? url
      : `/knowledge/${encodeURIComponent(source.sourceId.replace(/^document:/, ""))}`;
  return { label, href, external: false };
}

/**
 * Numbers an answer's sources as its text cites them: each keeps the number the server gave it,
 * and a source without one (an older saved answer, a provider's own source) takes the next free
 * number after them, so no two of them share a number that a `[n]` could mean.
 */
export function numberSources(sources: SourcePart[]): SourceReference[] {
  let next = Math.max(0, ...sources.map((source) => explicitNumber(source) ?? 0));
  return sources
    .map((source) => ({ number: explicitNumber(source) ?? ++next, ...describeSource(source) }))
    .sort((left, right) => left.number - right.number);
}

/** What each `[n]` of an answer links to: the first source numbered n that can be opened. */
export function citationTargets(references: SourceReference[]): Map<number, SourceReference> {
  const targets = new Map<number, SourceReference>();
  for (const reference of references) {
    if (reference.href && !targets.has(reference.number)) targets.set(reference.number, reference);
  }
  return targets;
}
