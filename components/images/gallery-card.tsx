import Link from "next/link";
import type { GalleryImage } from "@/lib/images/image-view";

function formatCreated(time: number): string {
  return new Date(time).toISOString().replace("T", " ").slice(0, 16);
}

/** One generated image: the picture, its prompts, how it was made, and where it came from. */
export function GalleryCard({ image }: { image: GalleryImage }) {
  return (
    <li
      data-slot="gallery-card"
      className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm"
    >
      <figure aria-label={image.prompt}>
        <a href={image.url} className="block bg-zinc-100">
          {/* biome-ignore lint/performance/noImgElement: served by the app from DATA_DIR */}
          <img
            src={image.url}
            alt={image.prompt}
            loading="lazy"
            className="aspect-square w-full object-contain"
          />
        </a>
        <figcaption className="space-y-1.5 p-3 text-sm">
          <p>
            <span className="font-medium">Refined prompt:</span> {image.prompt}
          </p>
          {image.request && (
            <p className="text-zinc-600">
              <span className="font-medium">Asked for:</span> {image.request}
            </p>
          )}
          <p className="flex flex-wrap items-center gap-x-2 text-xs text-zinc-500">
            {image.offline && (
              <span className="rounded bg-violet-100 px-1.5 py-0.5 font-medium text-violet-800">
                offline stand-in
              </span>
            )}
            <span>{image.model}</span>
            <span>{image.size}</span>
            <time dateTime={new Date(image.createdAt).toISOString()}>{formatCreated(image.createdAt)}</time>
          </p>
          <p className="flex flex-wrap gap-3 text-sm">
            {image.chatId && (
              <Link href={`/chats/${image.chatId}`} className="text-sky-700 underline">
                Conversation
              </Link>
            )}
            {image.traceId && (
              <Link href={`/traces/${image.traceId}`} className="text-sky-700 underline">
                Trace
              </Link>
            )}
            <a href={image.url} download className="text-sky-700 underline">
              Download
            </a>
          </p>
        </figcaption>
      </figure>
    </li>
  );
}
