import Link from "next/link";
import type { GalleryImage } from "@/lib/images/image-view";
import { GalleryCard } from "./gallery-card";

/** Every generated image, newest first, each linked to its conversation and trace. */
export function ImageGallery({ images }: { images: GalleryImage[] }) {
  if (images.length === 0) {
    return (
      <p className="text-sm text-zinc-500">
        No images yet. Ask for one in the{" "}
        <Link href="/" className="text-sky-700 underline">
          chat
        </Link>
        , for example “Draw a lighthouse at dusk”.
      </p>
    );
  }
  return (
    <ul aria-label="Generated images" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {images.map((image) => (
        <GalleryCard key={image.id} image={image} />
      ))}
    </ul>
  );
}
