import { contentTokens } from "../text-features";
import { writeCodeForRequest } from "./code-writer";

/** What kind of help one part of a request needs. */
export type RequestKind = "image" | "code" | "web" | "knowledge";

export interface RequestPart {
  kind: RequestKind;
  text: string;
}

const urlPattern = /\bhttps?:\/\/[^\s<>"')]+/i;
const imagePattern =
  /\b(draw|paint|sketch|illustrat\w*|picture|image|photo\w*|render|logo|wallpaper|poster)\b.*|\b(generate|create|make|design)\b.*\b(image|picture|illustration|logo|drawing|art)\b/i;
const webPattern =
  /\b(web|internet|online|google|news|latest|current(?:ly)?|today|tonight|this (?:week|month|year)|recent(?:ly)?|weather|stock price|search the|look up|website|webpage|site)\b/i;
const mathPattern =
  /\b(calculate|compute|evaluate|sum|product|factorial|fibonacci|prime|square root|percent|how much is|what is \d)|\d\s*[-+*/x×^%]\s*\d|```/i;

// A question about a file the user attached is answered from that file (the retriever searches
// attachments), even when it says "image": "what colours are in the attached image?". Asking to
// draw something like an attached image is still an image request.
const attachmentPattern = /\b(attached|attachments?)\b/i;
const drawPattern = /\b(draw|paint|sketch|generate|create|make|render|design)\b/i;

/** Classifies one fragment of a request. */
export function classifyRequest(text: string): RequestKind {
  if (attachmentPattern.test(text) && !drawPattern.test(text)) return "knowledge";
  if (imagePattern.test(text) && !mathPattern.test(text)) return "image";
  // An address is read, not computed, even when it is spelled in hex ("http://0x7f.1/").
  if (urlPattern.test(text) && !text.includes("```")) return "web";
  if (mathPattern.test(text) && writeCodeForRequest(text)) return "code";
  if (webPattern.test(text)) return "web";
  return "knowledge";
}

const splitPattern =
  /(?<=[.?!;])\s+|\s+(?:and then|and also|then also|as well as)\s+|,?\s+(?:and|also|plus)\s+(?=(?:draw|paint|sketch|generate|create|make|compute|calculate|evaluate|search|find|look|visit|read|open|summari[sz]e|tell|what|who|when|where|how|why|show)\b)/i;

/**
 * Splits a request into the parts that need different agents, so that "draw a fox and compute
 * 12 * 7" becomes an image part and a code part. Neighbouring parts of one kind are merged.
 */
export function splitRequest(request: string): RequestPart[] {
  // Code in a fenced block is one piece whatever punctuation it contains.
  const blocks: string[] = [];
  const masked = request.replace(/```[\s\S]*?```/g, (block) => `⟦code ${blocks.push(block) - 1}⟧`);
  const fragments = masked
    .split(splitPattern)
    .map((fragment) => fragment.replace(/⟦code (\d+)⟧/g, (_, index) => blocks[Number(index)]).trim())
    .filter((fragment) => contentTokens(fragment).length > 0 || /\d/.test(fragment));
  const parts: RequestPart[] = [];
  for (const fragment of fragments.length ? fragments : [request.trim()]) {
    const kind = classifyRequest(fragment);
    const previous = parts.at(-1);
    if (previous && previous.kind === kind) previous.text = `${previous.text} ${fragment}`;
    else parts.push({ kind, text: fragment });
  }
  return parts;
}

/** The first http(s) URL in a text, without trailing punctuation. */
export function findUrl(text: string): string | undefined {
  const url = text.match(urlPattern)?.[0].replace(/[.,;:!?]+$/, "");
  // A closing bracket belongs to the URL only when it closes an IPv6 host ("http://[::1]:80/").
  return url?.endsWith("]") && !url.includes("[") ? url.slice(0, -1) : url;
}
