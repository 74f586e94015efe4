import type { ChatMessage } from "@/lib/chat/chat-message";

type SourcePart = Extract<ChatMessage["parts"][number], { type: "source-url" | "source-document" }>;

/** The sources the answer used, under the answer. */
export function SourcesList({ sources }: { sources: SourcePart[] }) {
  if (sources.length === 0) return null;
  return (
    <nav aria-label="Sources" className="text-xs text-zinc-600">
      <h4 className="mb-1 font-semibold">Sources</h4>
      <ol className="list-decimal space-y-0.5 pl-5">
        {sources.map((source) => (
          <li key={source.sourceId}>
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
              <a
                href={`/knowledge#${source.sourceId.replace(/^document:/, "")}`}
                className="text-sky-700 underline"
              >
                {source.title}
              </a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function isSourcePart(part: ChatMessage["parts"][number]): part is SourcePart {
  return part.type === "source-url" || part.type === "source-document";
}
