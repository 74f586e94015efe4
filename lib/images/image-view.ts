import type { StoredImage } from "./image-store";

/** What the chat shows and the model reads: where a stored image is served, and how it was made. */
export type GeneratedImageResult = {
  id: string;
  url: string;
  /** The prompt the image model drew (the image agent's refinement). */
  prompt: string;
  /** What the image agent was asked for. */
  request?: string;
  size: string;
  model: string;
  offline: boolean;
};

/** One image on the gallery page and in `GET /api/images`: the result plus where it came from. */
export type GalleryImage = GeneratedImageResult & {
  mediaType: string;
  chatId?: string;
  traceId?: string;
  createdAt: number;
};

/** The chat's and the model's view of a stored image. */
export function toGeneratedImageResult(stored: StoredImage): GeneratedImageResult {
  const { id, prompt, request, size, model, offline } = stored;
  return { id, url: `/api/images/${id}`, prompt, ...(request ? { request } : {}), size, model, offline };
}

/** The gallery's view of a stored image, with links to its conversation and trace. */
export function toGalleryImage(stored: StoredImage): GalleryImage {
  return {
    ...toGeneratedImageResult(stored),
    mediaType: stored.mediaType,
    ...(stored.chatId ? { chatId: stored.chatId } : {}),
    ...(stored.traceId ? { traceId: stored.traceId } : {}),
    createdAt: stored.createdAt,
  };
}
