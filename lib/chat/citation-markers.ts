/** A numbered citation in answer text: `[1]`, or `[1, 2]` citing several sources at once. */
export interface CitationMarker {
  start: number;
  end: number;
  numbers: number[];
}

const markerPattern = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;

/** The citation markers of a run of prose (no code in it): `[1]`, `[1][2]` and `[1, 2]`. */
export function findCitationMarkers(text: string): CitationMarker[] {
  return [...text.matchAll(markerPattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    numbers: match[1].split(",").map((number) => Number(number.trim())),
  }));
}

interface MarkdownSegment {
  text: string;
  code: boolean;
}

const fencePattern = /^ {0,3}(`{3,}|~{3,})/;
const codeSpanPattern = /(?<!`)(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g;

/**
 * Splits Markdown into prose and code (fenced blocks and inline code spans), so that `arr[1]` in
 * code is never taken for a citation. An unclosed fence runs to the end, as CommonMark reads it.
 */
function splitOutCode(markdown: string): MarkdownSegment[] {
  const segments: MarkdownSegment[] = [];
  let prose = "";
  let fence: string | undefined;
  let code = "";
  for (const line of markdown.split(/(?<=\n)/)) {
    const opening = fencePattern.exec(line)?.[1];
    if (fence === undefined && opening) {
      segments.push(...splitOutCodeSpans(prose));
      prose = "";
      fence = opening;
      code = line;
    } else if (fence !== undefined) {
      code += line;
      if (opening?.[0] === fence[0] && opening.length >= fence.length && line.trim() === opening) {
        segments.push({ text: code, code: true });
        fence = undefined;
      }
    } else prose += line;
  }
  if (fence !== undefined) segments.push({ text: code, code: true });
  segments.push(...splitOutCodeSpans(prose));
  return segments.filter((segment) => segment.text.length > 0);
}

function splitOutCodeSpans(prose: string): MarkdownSegment[] {
  const segments: MarkdownSegment[] = [];
  let position = 0;
  for (const match of prose.matchAll(codeSpanPattern)) {
    segments.push({ text: prose.slice(position, match.index), code: false });
    segments.push({ text: match[0], code: true });
    position = match.index + match[0].length;
  }
  segments.push({ text: prose.slice(position), code: false });
  return segments;
}

/** The highest citation number in Markdown outside code; 0 when it cites nothing. */
export function highestCitationNumber(markdown: string): number {
  const numbers = splitOutCode(markdown)
    .filter((segment) => !segment.code)
    .flatMap((segment) => findCitationMarkers(segment.text).flatMap((marker) => marker.numbers));
  return Math.max(0, ...numbers);
}

/**
 * Adds `offset` to every citation number in Markdown outside code (`[1, 2]` → `[4, 5]` for 3), so
 * that the references of several agents' answers can share one answer without colliding.
 */
export function shiftCitationNumbers(markdown: string, offset: number): string {
  if (offset === 0) return markdown;
  return splitOutCode(markdown)
    .map((segment) =>
      segment.code
        ? segment.text
        : segment.text.replace(
            markerPattern,
            (_, numbers: string) =>
              `[${numbers
                .split(",")
                .map((number) => Number(number.trim()) + offset)
                .join(", ")}]`,
          ),
    )
    .join("");
}
