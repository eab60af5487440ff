import { ClassicLevel } from 'classic-level';
import type { Store } from '../types.js';
import { EntryCache } from './cache.js';
import { GroupCommit } from './group-commit.js';
import { Journal } from './journal.js';
import { decodeEntry, type Entry, valueKey } from './layout.js';
import { LevelQueues } from './queues.js';
import { sweepExpired } from './sweeper.js';
import { upgradeFormat } from './upgrade.js';

export interface LevelStoreOptions {
  /** fsync every write: survives power loss, not only a process crash. Slower. */
  sync?: boolean;
  now?: () => number;
  /** How often expired entries are swept from disk. */
  sweepMs?: number;
  /** Without `sync`: how large a journal file grows before the next one is begun (default 4 MiB). */
  journalFileBytes?: number;
}

/** Entries kept in memory (recent reads and writes): hot counters and orders, not the whole store. */
const CACHE_ENTRIES = 20_000;

/**
 * The embedded persistent store (LevelDB through classic-level): the Node
 * default for a single instance, so orders, the webhook outbox and
 * idempotency records survive a restart. Values are stored uncompressed so
 * that a scan of the files for personal data (which must find none) sees
 * everything.
 *
 * LevelDB locks its directory to one process, so this store is the only
 * writer, which allows two things:
 * - a cache of recent entries that is always right (bounded; a miss reads the
 *   disk, synchronously: open the store before use);
 * - group commit: writes queue up while a batch is being written and go out
 *   together in the next one, in order; under load, many requests share one
 *   write. An operation resolves once its write is journaled (a synchronous
 *   append, journal.ts: in the operating system, as LevelDB's own
 *   unsynced write would be, without waiting on the thread pool), or with
 *   `sync` once its batch is fsynced. Counts answer sooner (see increment).
 * Reads being synchronous, setIfAbsent, compareAndSet, take and increment
 * decide their new value in one step of the event loop, which makes them
 * atomic without locks; the outbox queue's operations take a per-member lock.
 */
export class LevelStore implements Store {
  readonly shared = false;
  readonly #db: ClassicLevel<string, string>;
  readonly #now: () => number;
  readonly #sync: boolean;
  readonly #directory: string;
  readonly #journalFileBytes: number;
  readonly #cache = new EntryCache(CACHE_ENTRIES);
  readonly #commit: GroupCommit;
  readonly #queues: LevelQueues;
  readonly #sweeper: ReturnType<typeof setInterval>;

  constructor(directory: string, options: LevelStoreOptions = {}) {
    this.#db = new ClassicLevel(directory, { valueEncoding: 'utf8', compression: false });
    this.#now = options.now ?? Date.now;
    this.#sync = options.sync ?? false;
    this.#directory = directory;
    this.#journalFileBytes = options.journalFileBytes ?? 4 * 1024 * 1024;
    this.#commit = new GroupCommit(this.#db, this.#sync, this.#cache);
    this.#queues = new LevelQueues(this.#db, this.#commit, this.#sync);
    this.#sweeper = setInterval(() => void this.sweep(), options.sweepMs ?? 60_000);
    this.#sweeper.unref?.();
  }

  /** Opens the directory; fails if another process holds it. Needed before first use. */
  async open(): Promise<this> {
    await this.#db.open();
    await upgradeFormat(this.#db, this.#sync);
    // What a crashed run journaled and LevelDB may not have written goes there first.
    const { ops, files, lastSeq } = Journal.leftOver(this.#directory);
    if (files.length > 0) await this.#commit.replay(ops, files);
    // With `sync`, a write is acknowledged once LevelDB has fsynced it: no journal.
    if (!this.#sync) this.#commit.journal = new Journal(this.#directory, lastSeq + 1, this.#journalFileBytes);
    await this.sweep();
    return this;
  }

  /**
   * A cache miss reads the disk synchronously: LevelDB answers a point read from its memtable,
   * block cache and bloom filters in about a microsecond, where an asynchronous get costs a
   * thread-pool round trip (tens of microseconds, more when WebCrypto keeps the pool busy).
   */
  #entry(key: string, remember = true): Entry | null {
    const unwritten = this.#commit.unwritten(key);
    if (unwritten !== undefined) return unwritten;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;
    const raw = this.#db.getSync(valueKey(key));
    const entry = raw === undefined ? null : decodeEntry(raw);
    // What was found is kept, an absence is not: most misses are keys about to be written once
    // (an Idempotency-Key's first look), and remembering them filled the cache with one-off keys.
    if (remember && entry !== null) this.#cache.remember(key, entry);
    return entry;
  }

  #read(key: string): string | undefined {
    const entry = this.#entry(key);
    return entry && entry[1] > this.#now() ? entry[0] : undefined;
  }

  #write(key: string, entry: Entry | null, options?: Parameters<GroupCommit['write']>[2]): Promise<void> {
    return this.#commit.write(key, entry, options);
  }

  // Each operation decides its new value synchronously, before its first await (reads are
  // synchronous): nothing else runs in between, so each is atomic without a lock. Then it waits
  // for the disk.

  async get(key: string) {
    return this.#read(key);
  }

  async set(key: string, value: string, ttlMs: number) {
    // Cached only if the key already is (read, counted or swapped before): a verification's record
    // and answer are written once and seldom read, and caching them kept two entries per
    // verification alive just long enough to be promoted to V8's old generation, then collected.
    await this.#write(key, [value, this.#now() + ttlMs], { cache: false });
  }

  /**
   * A claim (an idempotency key, a bind token, an order or event made once) is as durable as any
   * write once it resolves, but is settled within milliseconds by the write that follows it (the
   * answer, the order's next state): no LevelDB batch of its own, it goes with that one.
   */
  async setIfAbsent(key: string, value: string, ttlMs: number) {
    if (this.#read(key) !== undefined) return false;
    await this.#write(key, [value, this.#now() + ttlMs], { settledSoon: true });
    return true;
  }

  async compareAndSet(key: string, expected: string, next: string, ttlMs: number) {
    if (this.#read(key) !== expected) return false;
    await this.#write(key, [next, this.#now() + ttlMs]);
    return true;
  }

  async take(key: string) {
    const value = this.#read(key);
    if (value !== undefined) await this.#write(key, null);
    return value;
  }

  /**
   * Answers once the count is decided, without waiting for the disk, and the count rides with the
   * next awaited write (or goes alone after COUNT_FLUSH_MS): counters are limits, and a kill -9
   * may lose the last few milliseconds of counts, never a stored value.
   */
  async increment(key: string, ttlMs: number) {
    const entry = this.#entry(key);
    const now = this.#now();
    const live = entry !== null && entry[1] > now;
    const next = (live ? Number(entry[0]) : 0) + 1;
    // A refused batch clears the cache (see #write): nothing more to do for a count.
    this.#write(key, [String(next), live ? entry[1] : now + ttlMs], { awaited: false }).catch(() => undefined);
    return next;
  }

  async delete(key: string) {
    await this.#write(key, null);
  }

  schedule(queue: string, member: string, dueAt: number) {
    return this.#queues.schedule(queue, member, dueAt);
  }

  unschedule(queue: string, member: string) {
    return this.#queues.unschedule(queue, member);
  }

  index(queue: string, member: string, at: number) {
    return this.#queues.index(queue, member, at);
  }

  due(queue: string, upTo: number, limit: number) {
    return this.#queues.due(queue, upTo, limit);
  }

  range(queue: string, from: number, to: number, limit: number, after?: string) {
    return this.#queues.range(queue, from, to, limit, after);
  }

  trim(queue: string, before: number) {
    return this.#queues.trim(queue, before);
  }

  /**
   * Resolves once every write decided so far is in LevelDB itself, not only journaled: what its
   * iterators read (queues, ranges, the sweeper) and what a copy of the directory would hold.
   */
  flush(): Promise<void> {
    return this.#commit.flush();
  }

  /** Deletes expired values through the expiry index (every `sweepMs`, and when opened). */
  sweep(): Promise<void> {
    return sweepExpired({
      db: this.#db,
      sync: this.#sync,
      now: this.#now,
      entry: (key) => this.#entry(key, false),
      remove: (key) => this.#write(key, null, { cache: false }),
      flush: () => this.flush(),
    });
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    await this.#queues.idle();
    await this.flush();
    // A batch refused on the way went again: if that one was refused too, its journal stays for the next open.
    this.#commit.journal?.close(!this.#commit.pending);
    this.#commit.journal = undefined;
    await this.#db.close();
  }
}
