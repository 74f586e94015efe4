import type { Metadata } from "next";
import { ImageGallery } from "@/components/images/image-gallery";
import { listImages } from "@/lib/images/image-store";
import { toGalleryImage } from "@/lib/images/image-view";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Images · Agent Team" };

export default async function ImagesPage() {
  return (
    <div className="mx-auto w-full max-w-6xl space-y-4 p-6">
      <h1 className="text-2xl font-semibold">Images</h1>
      <p className="text-sm text-zinc-600">
        Every image the image agent generated, newest first, with the prompt it refined from your request.
        Open the conversation it was made in, or its trace.
      </p>
      <ImageGallery images={(await listImages(200)).map(toGalleryImage)} />
    </div>
  );
}
