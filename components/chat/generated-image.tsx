import Link from "next/link";

export interface GeneratedImageData {
  url: string;
  /** The refined prompt the image model drew. */
  prompt: string;
  /** What the image agent was asked for. */
  request?: string;
  size?: string;
  model?: string;
  offline?: boolean;
}

/**
 * A generated image inline in the chat: the refined prompt (and the request it came from) as its
 * caption, a stand-in label when offline, a download and a link to the gallery.
 */
export function GeneratedImage({ image }: { image: GeneratedImageData }) {
  return (
    <figure className="mt-2 space-y-1">
      <a href={image.url} className="inline-block">
        {/* biome-ignore lint/performance/noImgElement: served by the app from DATA_DIR */}
        <img src={image.url} alt={image.prompt} className="max-h-96 rounded-lg border border-zinc-200" />
      </a>
      <figcaption className="space-y-0.5 text-xs text-zinc-600">
        <p>
          {image.offline && (
            <span className="mr-2 rounded bg-violet-100 px-1.5 py-0.5 font-medium text-violet-800">
              offline stand-in
            </span>
          )}
          <span className="font-medium">Refined prompt:</span> {image.prompt}
        </p>
        {image.request && image.request !== image.prompt && (
          <p>
            <span className="font-medium">Asked for:</span> {image.request}
          </p>
        )}
        <p className="flex flex-wrap gap-x-3">
          {image.model && <span>{[image.model, image.size].filter(Boolean).join(" · ")}</span>}
          <a href={image.url} download className="text-sky-700 underline">
            Download
          </a>
          <Link href="/images" className="text-sky-700 underline">
            Gallery
          </Link>
        </p>
      </figcaption>
    </figure>
  );
}
