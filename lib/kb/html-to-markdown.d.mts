/** HTML to Markdown with ATX headings (so the splitter and citations see them) and no images. */
export declare function htmlToMarkdown(html: string): string;
