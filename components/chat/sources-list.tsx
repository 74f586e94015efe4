import type { SourceReference } from "@/lib/chat/source-references";

function SourceLink({ reference }: { reference: SourceReference }) {
  if (!reference.href) return <span>{reference.label}</span>;
  return (
    <a
      href={reference.href}
      // A web page opens in a new tab without access to this one; a passage opens in place.
      {...(reference.external ? { target: "_blank", rel: "noopener noreferrer nofollow" } : {})}
      className="text-sky-700 underline"
    >
      {reference.label}
    </a>
  );
}

/**
 * The sources the answer used, under the answer, numbered as the answer cites them: a document
 * source opens the cited passage in the knowledge base, a web source the page (in a new tab).
 * This is the answer's one list of sources: the answer text cites them as [n], each linked to the
 * same place as its entry here (see lib/chat/source-references.ts).
 */
export function SourcesList({ references }: { references: SourceReference[] }) {
  if (references.length === 0) return null;
  return (
    <nav aria-label="Sources" className="text-xs text-zinc-600">
      <h4 className="mb-1 font-semibold">Sources</h4>
      <ul className="space-y-0.5">
        {references.map((reference, index) => (
          <li key={`${reference.number}-${index}`} className="flex gap-1.5">
            <span className="tabular-nums text-zinc-500">[{reference.number}]</span>
            <SourceLink reference={reference} />
          </li>
        ))}
      </ul>
    </nav>
  );
}
