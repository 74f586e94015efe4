import { contentTokens } from "../text-features";
import { writeCodeForRequest } from "./code-writer";

/** What kind of help one part of a request needs. */
export type RequestKind = "image" | "code" | "web" | "knowledge";

export interface RequestPart {
  kind: RequestKind;
  text: string;
}

const urlPattern = /\bhttps?:\/\/[^\s<>"')\]]+/i;
const imagePattern =
  /\b(draw|paint|sketch|illustrat\w*|picture|image|photo\w*|render|logo|wallpaper|poster)\b.*|\b(generate|create|make|design)\b.*\b(image|picture|illustration|logo|drawing|art)\b/i;
const webPattern =
  /\b(web|internet|online|google|news|latest|current(?:ly)?|today|tonight|this (?:week|month|year)|recent(?:ly)?|weather|stock price|search the|look up|website|webpage|site)\b/i;
const mathPattern =
  /\b(calculate|compute|evaluate|sum|product|factorial|fibonacci|prime|square root|percent|how much is|what is \d)|\d\s*[-+*/x×^%]\s*\d|```/i;

/** Classifies one fragment of a request. */
export function classifyRequest(text: string): RequestKind {
  if (imagePattern.test(text) && !mathPattern.test(text)) return "image";
  if (mathPattern.test(text) && writeCodeForRequest(text)) return "code";
  if (urlPattern.test(text) || webPattern.test(text)) return "web";
  return "knowledge";
}

const splitPattern =
  /(?<=[.?!;])\s+|\s+(?:and then|and also|then also|as well as)\s+|,?\s+(?:and|also|plus)\s+(?=(?:draw|paint|sketch|generate|create|make|compute|calculate|evaluate|search|find|look|visit|read|open|summari[sz]e|tell|what|who|when|where|how|why|show)\b)/i;

/**
 * Splits a request into the parts that need different agents, so that "draw a fox and compute
 * 12 * 7" becomes an image part and a code part. Neighbouring parts of one kind are merged.
 */
export function splitRequest(request: string): RequestPart[] {
  const fragments = request
    .split(splitPattern)
    .map((fragment) => fragment.trim())
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
  return text.match(urlPattern)?.[0].replace(/[.,;:!?]+$/, "");
}
