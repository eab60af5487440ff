import type { Store } from './types.js';

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * Takes a map's oldest key (a Map iterates in insertion order), resuming where the last take
 * stopped. A fresh `keys()` each time starts at the front of the map's table and steps over every
 * hole the earlier takes left there, until the table is next rehashed: at the bound, 20–100 µs a
 * write instead of under 1 µs (measured with 100,000 entries). A Map iterator stays valid while
 * the map changes: it skips what was deleted and reaches what was added since.
 */
class OldestFirst<K> {
  readonly #map: Map<K, unknown>;
  #cursor: Iterator<K> | undefined;

  constructor(map: Map<K, unknown>) {
    this.#map = map;
  }

  /** Deletes and returns the oldest key; undefined when the map is empty. */
  take(): K | undefined {
    for (let fresh = false; ; fresh = true) {
      this.#cursor ??= this.#map.keys();
      const next = this.#cursor.next();
      if (!next.done) {
        this.#map.delete(next.value);
        return next.value;
      }
      // A finished iterator stays finished, even once keys are added: the next take begins a new one.
      this.#cursor = undefined;
      if (fresh) return undefined;
    }
  }
}

export interface MemoryStoreOptions {
  /**
   * At most this many entries (default 100,000: about 50,000 verifications'
   * idempotency records and read-back records). When full, expired entries go
   * first, then the oldest-created: a bound on memory, at the price of
   * forgetting early, which a store for tests and short-lived instances may.
   * Queue members (the outbox's schedule, the time indexes) are held to the
   * same number, apart: when full, the largest queue's oldest-added member goes.
   */
  maxEntries?: number;
}

/**
 * In-process store for tests and a single short-lived instance. Expired
 * entries are dropped on access and by a periodic sweep, and the number of
 * entries is bounded, so memory stays flat whatever the traffic.
 */
export class MemoryStore implements Store {
  readonly shared = false;
  readonly #entries = new Map<string, Entry>();
  readonly #oldestEntries = new OldestFirst(this.#entries);
  readonly #queues = new Map<string, Map<string, number>>();
  readonly #oldestMembers = new WeakMap<Map<string, number>, OldestFirst<string>>();
  /** Members in all queues: an index gains one per verification, and without a bound it held them all for 30 days. */
  #queued = 0;
  readonly #now: () => number;
  readonly #maxEntries: number;
  #lastSweep = 0;

  constructor(now: () => number = Date.now, options: MemoryStoreOptions = {}) {
    this.#now = now;
    this.#maxEntries = options.maxEntries ?? 100_000;
  }

  /** Writes an entry, making room first when a new key would pass the bound. */
  #put(key: string, value: string, expiresAt: number): void {
    if (!this.#entries.has(key) && this.#entries.size >= this.#maxEntries) {
      // A full sweep costs the whole map: at most once a second, not once per write.
      const now = this.#now();
      if (now - this.#lastSweep > 1_000) this.#sweep(now);
      // Still full: the oldest-created entries go.
      while (this.#entries.size >= this.#maxEntries && this.#oldestEntries.take() !== undefined);
    }
    this.#entries.set(key, { value, expiresAt });
  }

  /** Entries held (queue members apart: see `queuedMembers`). */
  get size(): number {
    return this.#entries.size;
  }

  /** Members held in all queues. */
  get queuedMembers(): number {
    return this.#queued;
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
    this.#put(key, value, this.#now() + ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    if (this.#live(key)) return false;
    this.#put(key, value, this.#now() + ttlMs);
    return true;
  }

  async compareAndSet(key: string, expected: string, next: string, ttlMs: number) {
    if (this.#live(key)?.value !== expected) return false;
    this.#put(key, next, this.#now() + ttlMs);
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
    this.#put(key, String(next), entry?.expiresAt ?? this.#now() + ttlMs);
    return next;
  }

  async delete(key: string) {
    this.#entries.delete(key);
  }

  async schedule(queue: string, member: string, dueAt: number) {
    let q = this.#queues.get(queue);
    if (!q) {
      q = new Map<string, number>();
      this.#queues.set(queue, q);
    }
    if (!q.has(member)) {
      if (this.#queued >= this.#maxEntries) this.#dropOldestMember();
      this.#queued++;
    }
    q.set(member, dueAt);
  }

  /**
   * Full: the largest queue's oldest-added member makes room (a Map iterates in insertion order).
   * The largest is the one that grew (a time index), not the outbox's few pending events.
   */
  #dropOldestMember(): void {
    let largest: Map<string, number> | undefined;
    for (const q of this.#queues.values()) if (!largest || q.size > largest.size) largest = q;
    if (!largest) return;
    let oldest = this.#oldestMembers.get(largest);
    if (!oldest) {
      oldest = new OldestFirst(largest);
      this.#oldestMembers.set(largest, oldest);
    }
    if (oldest.take() !== undefined) this.#queued--;
  }

  async due(queue: string, upTo: number, limit: number) {
    return [...(this.#queues.get(queue) ?? [])]
      .filter(([, at]) => at <= upTo)
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([member]) => member);
  }

  async unschedule(queue: string, member: string) {
    if (this.#queues.get(queue)?.delete(member)) this.#queued--;
  }

  index(queue: string, member: string, at: number) {
    return this.schedule(queue, member, at);
  }

  async range(queue: string, from: number, to: number, limit: number, after?: string) {
    return [...(this.#queues.get(queue) ?? [])]
      .filter(([member, at]) => at >= from && at <= to && (after === undefined || at > from || member > after))
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([member]) => member);
  }

  async trim(queue: string, before: number) {
    const q = this.#queues.get(queue);
    if (!q) return;
    for (const [member, at] of q) {
      if (at < before && q.delete(member)) this.#queued--;
    }
  }
}
