/**
 * Runs tasks one after another in the order they were queued. LanceDB allows one writer per table
 * at a time in practice (concurrent commits conflict and retry), so every write goes through one queue.
 */
export function createWriteQueue(): <Result>(task: () => Promise<Result>) => Promise<Result> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    // The caller gets `run` with its error; the queue itself must keep going after a failed task.
    tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
}
