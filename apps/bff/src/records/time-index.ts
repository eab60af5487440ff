import type { Store } from '../store/types.js';

/** How often one process trims one index: the trim is a range delete, not a per-write cost. */
const TRIM_EVERY_MS = 60_000;

/**
 * A merchant's records by creation time, for listing a time range: a sorted
 * queue of the store (a Redis sorted set, LevelDB keys in score order), one
 * per merchant. Entries older than the records' lifetime are trimmed, at most
 * once a minute per index and process, by the writes themselves: no timer,
 * so it works the same on every runtime.
 */
export class TimeIndex {
  readonly #store: Store;
  readonly #queue: (merchant: string) => string;
  readonly #retentionMs: number;
  readonly #now: () => number;
  readonly #trimmedAt = new Map<string, number>();

  constructor(store: Store, queue: (merchant: string) => string, retentionMs: number, now: () => number) {
    this.#store = store;
    this.#queue = queue;
    this.#retentionMs = retentionMs;
    this.#now = now;
  }

  async add(merchant: string, member: string, at: number): Promise<void> {
    const queue = this.#queue(merchant);
    const now = this.#now();
    if (now - (this.#trimmedAt.get(queue) ?? 0) >= TRIM_EVERY_MS) {
      this.#trimmedAt.set(queue, now);
      await Promise.all([this.#store.index(queue, member, at), this.#store.trim(queue, now - this.#retentionMs)]);
      return;
    }
    await this.#store.index(queue, member, at);
  }

  /** Members created from `from` to `to` (ms, both included), oldest first; past `after` (created at `from`). */
  page(merchant: string, from: number, to: number, limit: number, after?: string): Promise<string[]> {
    return this.#store.range(this.#queue(merchant), from, to, limit, after);
  }
}
