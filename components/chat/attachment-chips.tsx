import { formatMegabytes } from "@/lib/attachments/attachment-rules";

/** The files attached to the message being written, each with a button that removes it. */
export function AttachmentChips({ files, onRemove }: { files: File[]; onRemove(index: number): void }) {
  if (files.length === 0) return null;
  return (
    <ul aria-label="Attachments" className="flex flex-wrap gap-2 px-2 pt-1">
      {files.map((file, index) => (
        <li
          key={`${file.name}-${file.size}`}
          data-slot="attachment-chip"
          className="flex items-center gap-1 rounded-full border border-zinc-300 bg-zinc-50 py-0.5 pr-1 pl-3 text-xs"
        >
          <span className="max-w-48 truncate">{file.name}</span>
          <span className="text-zinc-500">{formatMegabytes(file.size)}</span>
          <button
            type="button"
            aria-label={`Remove ${file.name}`}
            onClick={() => onRemove(index)}
            className="rounded-full px-1.5 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900"
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
