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

/**
 * Joins deltas as a stream step: consecutive deltas of one part travel as one, at most 50 ms after
 * the first of them; every other chunk (start, tool calls, sources, finish) goes out at once, after
 * the deltas before it. The manager's own answer so costs bytes that grow with its text, not with
 * its number of tokens, and nothing but the text waits.
 */
export function batchedChunkStream<Chunk extends UIMessageChunk>(): TransformStream<Chunk, Chunk> {
  let pending: Chunk | undefined;
  let timer: NodeJS.Timeout | undefined;
  let send: (chunk: Chunk) => void = () => {};
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending) send(pending);
    pending = undefined;
  };
  return new TransformStream<Chunk, Chunk>({
    start(controller) {
      send = (chunk) => {
        try {
          controller.enqueue(chunk);
        } catch {
          // The stream was cancelled while a delta waited: nobody reads it any more.
        }
      };
    },
    transform(chunk) {
      const joined = pending && merged(pending, chunk);
      if (joined) {
        // Joining deltas keeps the chunk's type: it is still the stream's own kind of chunk.
        pending = joined as Chunk;
        return;
      }
      flush();
      if (
        chunk.type === "text-delta" ||
        chunk.type === "reasoning-delta" ||
        chunk.type === "tool-input-delta"
      ) {
        pending = chunk;
        timer = setTimeout(flush, batchIntervalMs);
        return;
      }
      send(chunk);
    },
    flush,
  });
}
