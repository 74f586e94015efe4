import type { FileUIPart } from "ai";
import { attachmentIdOf } from "@/lib/attachments/attachment-url";

/** The files sent with a user message: images as thumbnails, documents by name. */
export function UserAttachments({ files }: { files: FileUIPart[] }) {
  if (files.length === 0) return null;
  return (
    <ul aria-label="Attached files" className="mb-1 flex flex-wrap gap-2">
      {files.map((file, index) => {
        const name = file.filename ?? "attachment";
        // Only the app's own stored attachments and data URLs are shown: the server refuses other links.
        const isImage =
          file.mediaType.startsWith("image/") &&
          (file.url.startsWith("data:image/") || attachmentIdOf(file.url) !== undefined);
        return (
          <li key={index} className="rounded-lg bg-sky-700/60 px-2 py-1 text-xs">
            {isImage ? (
              // biome-ignore lint/performance/noImgElement: the message's own attachment
              <img src={file.url} alt={name} className="max-h-32 max-w-48 rounded" />
            ) : (
              <span>
                <span aria-hidden="true">📄 </span>
                {name}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
