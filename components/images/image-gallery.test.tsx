import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { GalleryImage } from "@/lib/images/image-view";
import { ImageGallery } from "./image-gallery";

const image: GalleryImage = {
  id: "4f1c2a9e-0000-4000-8000-000000000001",
  url: "/api/images/4f1c2a9e-0000-4000-8000-000000000001",
  prompt: "a red fox in the snow, detailed digital illustration",
  request: "Draw a red fox in the snow",
  size: "512x512",
  model: "procedural-v1",
  offline: true,
  mediaType: "image/png",
  chatId: "chat-7",
  traceId: "0123456789abcdef0123456789abcdef",
  createdAt: Date.UTC(2026, 0, 2, 3, 4),
};

describe("ImageGallery", () => {
  it("shows each image with its prompts, model and links to its conversation and trace", () => {
    const html = renderToStaticMarkup(<ImageGallery images={[image]} />);
    expect(html).toContain('aria-label="Generated images"');
    expect(html).toContain(`src="${image.url}"`);
    expect(html).toContain(image.prompt);
    expect(html).toContain("Asked for:</span> Draw a red fox in the snow");
    expect(html).toContain("offline stand-in");
    expect(html).toContain('href="/chats/chat-7"');
    expect(html).toContain(`href="/traces/${image.traceId}"`);
    expect(html).toContain("2026-01-02 03:04");
  });

  it("leaves out links it has nothing for, and says what to do when there are no images", () => {
    const html = renderToStaticMarkup(
      <ImageGallery images={[{ ...image, chatId: undefined, traceId: undefined, request: undefined }]} />,
    );
    expect(html).not.toContain("/chats/");
    expect(html).not.toContain("/traces/");
    expect(html).not.toContain("Asked for");
    expect(renderToStaticMarkup(<ImageGallery images={[]} />)).toContain("No images yet");
  });
});
