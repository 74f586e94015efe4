"use client";

import { useState } from "react";

interface ComposerProps {
  busy: boolean;
  onSend(text: string): void;
  onStop(): void;
}

/** The message box: Enter sends, Shift+Enter starts a new line, Stop ends a running answer. */
export function Composer({ busy, onSend, onStop }: ComposerProps) {
  const [text, setText] = useState("");
  const send = () => {
    const trimmed = text.trim();
    if (!trimmed || busy) return;
    onSend(trimmed);
    setText("");
  };
  return (
    <form
      className="flex items-end gap-2 rounded-2xl border border-zinc-300 bg-white p-2 shadow-sm"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <textarea
        aria-label="Message"
        name="message"
        rows={1}
        value={text}
        placeholder="Ask about your documents, the web, an image or a calculation…"
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
    </form>
  );
}
