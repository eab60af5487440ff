import type { Store } from './types.js';

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * In-process store for tests and a single instance. Expired entries are
 * dropped on access and by a periodic sweep, so memory stays flat.
 */
export class MemoryStore implements Store {
  readonly shared = false;
  readonly #entries = new Map<string, Entry>();
  readonly #queues = new Map<string, Map<string, number>>();
  readonly #now: () => number;
  #lastSweep = 0;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get size(): number {
    return this.#entries.size;
  }

  #live(key: string): Entry | undefined {
    const now = this.#now();
    if (now - this.#lastSweep > 10_000) this.#sweep(now);
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #sweep(now: number): void {
    this.#lastSweep = now;
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }

  async get(key: string) {
    return this.#live(key)?.value;
  }

  async set(key: string, value: string, ttlMs: number) {
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    if (this.#live(key)) return false;
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
    return true;
  }

  async compareAndSet(key: string, expected: string, next: string, ttlMs: number) {
    if (this.#live(key)?.value !== expected) return false;
    this.#entries.set(key, { value: next, expiresAt: this.#now() + ttlMs });
    return true;
  }

  async take(key: string) {
    const entry = this.#live(key);
    this.#entries.delete(key);
    return entry?.value;
  }

  async increment(key: string, ttlMs: number) {
    const entry = this.#live(key);
    const next = (entry ? Number(entry.value) : 0) + 1;
    this.#entries.set(key, { value: String(next), expiresAt: entry?.expiresAt ?? this.#now() + ttlMs });
    return next;
  }

  async delete(key: string) {
    this.#entries.delete(key);
  }

  async schedule(queue: string, member: string, dueAt: number) {
    const q = this.#queues.get(queue) ?? new Map<string, number>();
    this.#queues.set(queue, q.set(member, dueAt));
  }

  async due(queue: string, upTo: number, limit: number) {
    return [...(this.#queues.get(queue) ?? [])]
      .filter(([, at]) => at <= upTo)
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([member]) => member);
  }

  async unschedule(queue: string, member: string) {
    this.#queues.get(queue)?.delete(member);
  }
}
