import { findCitationMarkers } from "@/lib/chat/citation-markers";
import type { SourceReference } from "@/lib/chat/source-references";

/** The parts of a Markdown syntax tree (mdast) this plugin reads and writes. */
interface MarkdownNode {
  type: string;
  value?: string;
  url?: string;
  children?: MarkdownNode[];
  data?: { hProperties?: Record<string, string> };
}

function text(value: string): MarkdownNode {
  return { type: "text", value };
}

/** The link a cited number becomes; its accessible name says which source it opens. */
function citationLink(label: string, reference: SourceReference): MarkdownNode {
  return {
    type: "link",
    url: reference.href,
    children: [text(label)],
    data: {
      hProperties: {
        ariaLabel: `Source ${reference.number}: ${reference.label}`,
        dataCitation: String(reference.number),
      },
    },
  };
}

/** Splits one text node at its markers: `[1]` becomes a link, `[1, 2]` a link per number. */
function linkMarkersIn(value: string, targets: ReadonlyMap<number, SourceReference>): MarkdownNode[] {
  const nodes: MarkdownNode[] = [];
  let position = 0;
  for (const marker of findCitationMarkers(value)) {
    if (!marker.numbers.some((number) => targets.has(number))) continue;
    nodes.push(text(value.slice(position, marker.start)));
    if (marker.numbers.length === 1) {
      const [number] = marker.numbers;
      nodes.push(citationLink(`[${number}]`, targets.get(number) as SourceReference));
    } else {
      nodes.push(text("["));
      marker.numbers.forEach((number, index) => {
        if (index > 0) nodes.push(text(", "));
        const target = targets.get(number);
        nodes.push(target ? citationLink(String(number), target) : text(String(number)));
      });
      nodes.push(text("]"));
    }
    position = marker.end;
  }
  nodes.push(text(value.slice(position)));
  return nodes.filter((node) => node.value !== "");
}

// Code (`code`, `inlineCode`) keeps its text in `value`, never in text children, so it is never
// visited; a link's own text is left alone, since a link cannot hold another.
function linkMarkers(node: MarkdownNode, targets: ReadonlyMap<number, SourceReference>) {
  if (!node.children || node.type === "link" || node.type === "linkReference") return;
  node.children = node.children.flatMap((child) => {
    if (child.type === "text" && child.value) return linkMarkersIn(child.value, targets);
    linkMarkers(child, targets);
    return [child];
  });
}

/**
 * A remark plugin that turns each `[n]` of an answer whose source can be opened into a link to
 * that source; a number without one stays text. It builds syntax-tree nodes, never HTML, so the
 * model's text cannot inject markup through it.
 */
export function remarkCitationLinks(targets: ReadonlyMap<number, SourceReference>) {
  return (tree: MarkdownNode) => {
    if (targets.size > 0) linkMarkers(tree, targets);
  };
}
