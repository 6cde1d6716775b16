import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Lets one piece of async work at a time use a resource (SQLite's single connection).
 * Work started from inside the holder's async context runs straight away instead of waiting
 * for itself: a query issued inside a transaction joins it rather than deadlocking.
 */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();
  private readonly holder = new AsyncLocalStorage<true>();

  get isHeldHere(): boolean {
    return this.holder.getStore() === true;
  }

  async runExclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.isHeldHere) return work();
    const previous = this.tail;
    let release: () => void = () => undefined;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await this.holder.run(true, work);
    } finally {
      release();
    }
  }
}
