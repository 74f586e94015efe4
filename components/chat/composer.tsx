"use client";

import { useEffect, useRef, useState } from "react";
import { attachmentRules } from "@/lib/attachments/attachment-rules";
import { AttachmentChips } from "./attachment-chips";
import { useAttachments } from "./use-attachments";

interface ComposerProps {
  busy: boolean;
  /** Text the box starts with (e.g. "In “report.pdf”, " from a document's page), focused for typing on. */
  initialText?: string;
  onSend(text: string, files: File[]): void;
  onStop(): void;
}

/**
 * The message box: Enter sends, Shift+Enter starts a new line, Stop ends a running answer. Files
 * are attached with the "Attach files" button or by dropping them on the box.
 */
export function Composer({ busy, initialText = "", onSend, onStop }: ComposerProps) {
  const [text, setText] = useState(initialText);
  const [dragging, setDragging] = useState(false);
  const attachments = useAttachments();
  const fileInput = useRef<HTMLInputElement>(null);
  const messageBox = useRef<HTMLTextAreaElement>(null);
  // The user came to type on a prepared start ("Ask about this document"): the caret waits after it.
  useEffect(() => {
    const box = messageBox.current;
    if (!box || !initialText) return;
    box.focus();
    box.setSelectionRange(initialText.length, initialText.length);
  }, [initialText]);
  const send = () => {
    const trimmed = text.trim();
    if (!trimmed || busy) return;
    onSend(trimmed, attachments.files);
    setText("");
    attachments.clear();
  };
  return (
    <div className="space-y-2">
      <form
        className={`rounded-2xl border bg-white p-2 shadow-sm ${dragging ? "border-sky-500 ring-2 ring-sky-200" : "border-zinc-300"}`}
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes("Files")) return;
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          attachments.add(event.dataTransfer.files);
        }}
      >
        <AttachmentChips files={attachments.files} onRemove={attachments.remove} />
        <div className="flex items-end gap-2">
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            accept={attachmentRules.accept}
            aria-label="Files to attach"
            onChange={(event) => {
              attachments.add(event.target.files ?? []);
              event.target.value = "";
            }}
          />
          <button
            type="button"
            aria-label="Attach files"
            title="Attach images or documents (or drop them here)"
            onClick={() => fileInput.current?.click()}
            className="rounded-xl px-3 py-2 text-lg leading-none text-zinc-600 hover:bg-zinc-100"
          >
            <span aria-hidden="true">📎</span>
          </button>
          <textarea
            aria-label="Message"
            name="message"
            rows={1}
            value={text}
            ref={messageBox}
            placeholder="Ask about your documents, the web, an image or a calculation… (drop files here to attach them)"
            className="max-h-48 min-h-10 flex-1 resize-none bg-transparent px-2 py-2 outline-none"
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                send();
              }
            }}
          />
          {busy ? (
            <button
              type="button"
              onClick={onStop}
              className="rounded-xl bg-zinc-800 px-4 py-2 text-sm text-white"
            >
              Stop
            </button>
          ) : (
            <button
              type="submit"
              disabled={!text.trim()}
              className="rounded-xl bg-sky-600 px-4 py-2 text-sm text-white disabled:opacity-40"
            >
              Send
            </button>
          )}
        </div>
      </form>
      {attachments.problems.length > 0 && (
        <div
          role="alert"
          aria-label="Attachment problems"
          className="rounded-lg border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900"
        >
          {attachments.problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
    </div>
  );
}
