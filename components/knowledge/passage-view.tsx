import type { DocumentPassage } from "@/lib/kb/document-passages";

/**
 * One passage of a document, with its position, page and heading. The passage a citation points
 * at is highlighted and marked as the current location, and the page scrolls to it (`#chunk-<n>`).
 * The text is shown as text, never as markup.
 */
export function PassageView({ passage, cited }: { passage: DocumentPassage; cited: boolean }) {
  const label = [
    `Passage ${passage.chunkIndex + 1}`,
    passage.page ? `page ${passage.page}` : undefined,
    passage.heading,
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <li
      id={`chunk-${passage.chunkIndex}`}
      aria-label={cited ? `${label} (cited)` : label}
      aria-current={cited ? "location" : undefined}
      data-cited={cited || undefined}
      className="scroll-mt-6 rounded-xl border border-zinc-200 bg-white p-4 data-[cited]:border-amber-400 data-[cited]:bg-amber-50 data-[cited]:ring-2 data-[cited]:ring-amber-300"
    >
      <p className="mb-2 flex items-center gap-2 text-xs font-medium text-zinc-500">
        <a href={passage.url} className="hover:underline">
          {label}
        </a>
        {cited && <span className="rounded-full bg-amber-200 px-2 py-0.5 text-amber-900">Cited passage</span>}
      </p>
      <p className="whitespace-pre-wrap break-words text-sm leading-relaxed text-zinc-800">{passage.text}</p>
    </li>
  );
}
