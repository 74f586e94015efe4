export interface GeneratedImageData {
  url: string;
  prompt: string;
  size?: string;
  model?: string;
  offline?: boolean;
}

/** A generated image inline in the chat, with its prompt, a stand-in label when offline, and a download. */
export function GeneratedImage({ image }: { image: GeneratedImageData }) {
  return (
    <figure className="mt-2 space-y-1">
      {/* biome-ignore lint/performance/noImgElement: served by the app from DATA_DIR */}
      <img src={image.url} alt={image.prompt} className="max-h-96 rounded-lg border border-zinc-200" />
      <figcaption className="text-xs text-zinc-600">
        {image.offline && (
          <span className="mr-2 rounded bg-violet-100 px-1.5 py-0.5 font-medium text-violet-800">
            offline stand-in
          </span>
        )}
        {image.prompt}{" "}
        <a href={image.url} download className="text-sky-700 underline">
          Download
        </a>
      </figcaption>
    </figure>
  );
}
