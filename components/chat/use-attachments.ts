"use client";

import { useState } from "react";
import { attachmentRules, formatMegabytes } from "@/lib/attachments/attachment-rules";

const acceptedMediaTypes = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
const acceptedExtensions = new Set(["pdf", "docx", "html", "htm", "md", "markdown", "txt", "text"]);

// A first check in the browser so the user hears at once; the server decides from the bytes.
function problemWith(file: File, alreadyAttached: number): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
  if (!acceptedMediaTypes.has(file.type) && !acceptedExtensions.has(extension)) {
    return `“${file.name}” cannot be attached. You can attach ${attachmentRules.acceptedDescription}.`;
  }
  if (file.size > attachmentRules.maxFileBytes) {
    return `“${file.name}” is ${formatMegabytes(file.size)}; an attachment can be at most ${formatMegabytes(attachmentRules.maxFileBytes)}. Add large documents to the knowledge base instead.`;
  }
  if (alreadyAttached >= attachmentRules.maxFilesPerMessage) {
    return `A message can carry at most ${attachmentRules.maxFilesPerMessage} attachments; “${file.name}” was left out.`;
  }
  return undefined;
}

/** The files attached to the message being written, with what was refused and why. */
export function useAttachments() {
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const add = (incoming: Iterable<File>) => {
    const next = [...files];
    const refused: string[] = [];
    for (const file of incoming) {
      if (next.some((kept) => kept.name === file.name && kept.size === file.size)) continue;
      const problem = problemWith(file, next.length);
      if (problem) refused.push(problem);
      else next.push(file);
    }
    setFiles(next);
    setProblems(refused);
  };
  const remove = (index: number) => {
    setFiles(files.filter((_, position) => position !== index));
    setProblems([]);
  };
  const clear = () => {
    setFiles([]);
    setProblems([]);
  };
  return { files, problems, add, remove, clear };
}
