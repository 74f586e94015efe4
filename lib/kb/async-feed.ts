/**
 * A list that one side appends to and another reads in order, possibly while it is still growing:
 * the bridge between a producer (the PDF worker) and the ingestion job. Everything received is
 * kept, so a probe can look at the first items before the job reads them all.
 */
export class AsyncFeed<Item> implements AsyncIterable<Item> {
  readonly items: Item[] = [];
  private finished = false;
  private failure: { error: unknown } | undefined;
  private waiters: Array<() => void> = [];

  push(item: Item): void {
    if (this.finished) return;
    this.items.push(item);
    this.wake();
  }

  close(): void {
    this.finished = true;
    this.wake();
  }

  fail(error: unknown): void {
    if (this.finished) return;
    this.failure = { error };
    this.finished = true;
    this.wake();
  }

  get done(): boolean {
    return this.finished;
  }

  /** Wakes readers waiting on a condition outside the items (see `waitUntil`). */
  notify(): void {
    this.wake();
  }

  /** Resolves once the predicate holds for what was received, or the feed ends; rejects if it failed. */
  async waitUntil(predicate: (items: Item[]) => boolean): Promise<void> {
    while (!predicate(this.items) && !this.finished) await this.next();
    if (this.failure && !predicate(this.items)) throw this.failure.error;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    let index = 0;
    while (true) {
      if (index < this.items.length) {
        yield this.items[index++];
        continue;
      }
      if (this.failure) throw this.failure.error;
      if (this.finished) return;
      await this.next();
    }
  }

  private next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
