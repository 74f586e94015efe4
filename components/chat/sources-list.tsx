import type { ChatMessage } from "@/lib/chat/chat-message";

type SourcePart = Extract<ChatMessage["parts"][number], { type: "source-url" | "source-document" }>;

interface PassageReference {
  reference?: number;
  url?: string;
  heading?: string | null;
  attached?: boolean;
}

// Knowledge-base sources carry their reference number and the link that opens the cited passage
// (see agents/sub-agent-sources.ts); older saved answers only have the document id.
function passageReference(source: SourcePart): PassageReference {
  const metadata = source.providerMetadata?.knowledgeBase as PassageReference | undefined;
  return metadata ?? {};
}

function isAppLink(url: string | undefined): url is string {
  return typeof url === "string" && url.startsWith("/knowledge/");
}

function DocumentSource({ source }: { source: Extract<SourcePart, { type: "source-document" }> }) {
  const { url, heading, attached } = passageReference(source);
  const label = `${source.title}${heading ? ` — ${heading}` : ""}`;
  // A file attached to the conversation is not stored in the knowledge base: there is nothing to open.
  if (attached) return <span>{label} (attached)</span>;
  const href = isAppLink(url)
    ? url
    : `/knowledge/${encodeURIComponent(source.sourceId.replace(/^document:/, ""))}`;
  return (
    <a href={href} className="text-sky-700 underline">
      {label}
    </a>
  );
}

/**
 * The sources the answer used, under the answer, numbered as the answer cites them: a document
 * source opens the cited passage in the knowledge base, a web source the page (in a new tab).
 */
export function SourcesList({ sources }: { sources: SourcePart[] }) {
  if (sources.length === 0) return null;
  return (
    <nav aria-label="Sources" className="text-xs text-zinc-600">
      <h4 className="mb-1 font-semibold">Sources</h4>
      <ul className="space-y-0.5">
        {sources.map((source, index) => (
          <li key={`${source.sourceId}-${index}`} className="flex gap-1.5">
            <span className="tabular-nums text-zinc-500">
              [{passageReference(source).reference ?? index + 1}]
            </span>
            {source.type === "source-url" ? (
              <a
                href={source.url}
                target="_blank"
                rel="noopener noreferrer nofollow"
                className="text-sky-700 underline"
              >
                {source.title || source.url}
              </a>
            ) : (
              <DocumentSource source={source} />
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function isSourcePart(part: ChatMessage["parts"][number]): part is SourcePart {
  return part.type === "source-url" || part.type === "source-document";
}
