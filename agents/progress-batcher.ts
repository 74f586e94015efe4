import type { UIMessageChunk } from "ai";

/** How long chunks gather before they are sent: deltas of one part in that time travel as one. */
const batchIntervalMs = 50;

function merged(last: UIMessageChunk, next: UIMessageChunk): UIMessageChunk | undefined {
  if (last.type === "text-delta" && next.type === "text-delta" && last.id === next.id) {
    return { ...last, delta: last.delta + next.delta };
  }
  if (last.type === "reasoning-delta" && next.type === "reasoning-delta" && last.id === next.id) {
    return { ...last, delta: last.delta + next.delta };
  }
  if (
    last.type === "tool-input-delta" &&
    next.type === "tool-input-delta" &&
    last.toolCallId === next.toolCallId
  ) {
    return { ...last, inputTextDelta: last.inputTextDelta + next.inputTextDelta };
  }
  return undefined;
}

/**
 * Gathers a stream's UI chunks and sends them in batches: consecutive deltas of the same text,
 * reasoning or tool input are joined, so a word-by-word answer costs a few events, not one per word.
 * `flush` sends what is waiting at once (before the stream's final result goes out).
 */
export function createChunkBatcher(send: (chunks: UIMessageChunk[]) => void) {
  let pending: UIMessageChunk[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    send(batch);
  };
  return {
    add(chunk: UIMessageChunk) {
      const last = pending.at(-1);
      const joined = last && merged(last, chunk);
      if (joined) pending[pending.length - 1] = joined;
      else pending.push(chunk);
      timer ??= setTimeout(flush, batchIntervalMs);
    },
    flush,
  };
}
