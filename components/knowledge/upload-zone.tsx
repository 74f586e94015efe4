"use client";

import { useId, useRef, useState } from "react";
import { formatBytes } from "@/lib/kb/format-bytes";

const acceptedTypes = ".pdf,.docx,.html,.htm,.md,.markdown,.txt";

interface UploadZoneProps {
  uploading: boolean;
  maxUploadBytes: number;
  onFiles: (files: File[]) => void;
}

/** A file input labelled "Upload documents", inside a zone that also accepts dropped files. */
export function UploadZone({ uploading, maxUploadBytes, onFiles }: UploadZoneProps) {
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  function takeFiles(list: FileList | null) {
    const files = Array.from(list ?? []);
    if (input.current) input.current.value = "";
    if (files.length > 0) onFiles(files);
  }

  return (
    <section
      aria-label="Drop files to upload"
      data-slot="upload-zone"
      data-dragging={dragging || undefined}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        if (!uploading) takeFiles(event.dataTransfer.files);
      }}
      className="flex flex-col items-center gap-3 rounded-2xl border-2 border-dashed border-zinc-300 bg-white px-6 py-10 text-center transition-colors data-[dragging]:border-sky-500 data-[dragging]:bg-sky-50"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="size-10 text-zinc-400"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      >
        <path
          d="M12 16V4m0 0-4 4m4-4 4 4M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <p className="text-sm text-zinc-600">Drag and drop files here, or</p>
      <input
        ref={input}
        id={inputId}
        type="file"
        multiple
        accept={acceptedTypes}
        disabled={uploading}
        aria-describedby={hintId}
        onChange={(event) => takeFiles(event.target.files)}
        className="peer sr-only"
      />
      <label
        htmlFor={inputId}
        className="cursor-pointer rounded-lg bg-sky-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-sky-700 peer-focus-visible:ring-2 peer-focus-visible:ring-sky-500 peer-focus-visible:ring-offset-2 peer-disabled:cursor-wait peer-disabled:opacity-60"
      >
        Upload documents
      </label>
      {uploading && (
        <p role="status" className="text-sm text-sky-700">
          Uploading and reading the files…
        </p>
      )}
      <p id={hintId} className="text-xs text-zinc-500">
        PDF, Word (.docx), HTML, Markdown or text · up to {formatBytes(maxUploadBytes)} each
      </p>
    </section>
  );
}
