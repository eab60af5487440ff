import type { Entry } from './layout.js';

/**
 * Recent entries, in memory: hot counters and orders, not the whole store. Always right, because
 * the store is the directory's only writer: a key maps to what the disk holds or is about to, or
 * to null when known absent. Bounded: the oldest remembered goes first.
 */
export class EntryCache {
  readonly #entries = new Map<string, Entry | null>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(key: string): Entry | null | undefined {
    return this.#entries.get(key);
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  remember(key: string, entry: Entry | null): void {
    if (!this.#entries.has(key) && this.#entries.size >= this.#limit) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, entry);
  }

  /** Forgets everything (the disk refused a batch: what is remembered may not be there). */
  clear(): void {
    this.#entries.clear();
  }
}
