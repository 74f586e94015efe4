import type React from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import type { SourceReference } from "@/lib/chat/source-references";
import { remarkCitationLinks } from "./citation-links";

/** Only images the app itself serves may load; anything else is shown as a link, never fetched. */
function isAllowedImageSource(source: unknown): source is string {
  return (
    typeof source === "string" && (source.startsWith("/api/images/") || source.startsWith("data:image/"))
  );
}

const components: Components = {
  img: ({ src, alt }) =>
    isAllowedImageSource(src) ? (
      // biome-ignore lint/performance/noImgElement: generated images are served by the app itself
      <img src={src} alt={alt ?? ""} className="my-2 max-w-full rounded-lg" />
    ) : (
      <span className="text-zinc-500">[image not loaded: {alt || "external image"}]</span>
    ),
  // A page of the app (a cited passage) opens in place; any other address in a new tab that
  // cannot reach back into this one.
  a: ({ node: _node, href, children, ...props }) => (
    <a
      href={href}
      {...(isAppPath(href) ? {} : { target: "_blank", rel: "noopener noreferrer nofollow" })}
      className="text-sky-700 underline"
      {...props}
    >
      {children}
    </a>
  ),
};

function isAppPath(href: string | undefined): boolean {
  // "//host" and "/\\host" are other sites to a browser.
  return typeof href === "string" && /^\/(?![/\\])/.test(href);
}

/**
 * Renders model output as Markdown. Raw HTML in the text is shown as text (react-markdown
 * escapes it unless a raw-HTML plugin is added, and none is), so the model cannot inject markup;
 * every link, a citation's too, passes react-markdown's URL check (no `javascript:` links).
 */
export function Markdown({
  children,
  citations,
  ...props
}: {
  children: string;
  /** The answer's sources by number: each `[n]` with one becomes a link to it. */
  citations?: ReadonlyMap<number, SourceReference>;
} & React.ComponentProps<"div">) {
  return (
    <div
      data-slot="markdown"
      className="prose-sm max-w-none space-y-2 break-words [&_blockquote]:border-l-4 [&_blockquote]:border-zinc-300 [&_blockquote]:pl-3 [&_blockquote]:text-zinc-700 [&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_ol]:list-decimal [&_ol]:pl-5 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-zinc-900 [&_pre]:p-3 [&_pre]:text-zinc-100 [&_pre_code]:bg-transparent [&_ul]:list-disc [&_ul]:pl-5"
      {...props}
    >
      <ReactMarkdown
        remarkPlugins={citations ? [remarkGfm, [remarkCitationLinks, citations]] : [remarkGfm]}
        components={components}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
