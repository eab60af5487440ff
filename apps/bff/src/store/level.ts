import { ClassicLevel } from 'classic-level';
import type { Store } from './types.js';

export interface LevelStoreOptions {
  /** fsync every write: survives power loss, not only a process crash. Slower. */
  sync?: boolean;
  now?: () => number;
  /** How often expired entries are swept from disk. */
  sweepMs?: number;
}

// Key spaces: values, queue entries ordered by due time, and each member's current due time.
const VALUE = 'v\x00';
const QUEUE = 'q\x00';
const MEMBER = 'm\x00';
const pad = (n: number) => String(Math.max(0, Math.floor(n))).padStart(15, '0');

type Entry = [value: string, expiresAt: number];

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
 * - a cache of recent entries that is always right (bounded; a miss reads the disk);
 * - group commit: writes queue up while a batch is being written and go out
 *   together in the next one, in order. An operation resolves once its batch
 *   is written (fsynced with `sync`), as before; under load, many requests
 *   share one write.
 * Inside the process, operations on one key run one after another (a per-key
 * lock held until the new value is decided, not until it is written), which
 * makes setIfAbsent, compareAndSet, take and increment atomic while different
 * keys proceed in parallel.
 */
export class LevelStore implements Store {
  readonly shared = false;
  readonly #db: ClassicLevel<string, string>;
  readonly #now: () => number;
  readonly #sync: boolean;
  readonly #sweeper: ReturnType<typeof setInterval>;
  readonly #locks = new Map<string, Promise<unknown>>();
  /** Key → entry, or null when known absent. Only ever what the disk holds or is about to. */
  readonly #cache = new Map<string, Entry | null>();
  /** Decided but not yet on disk: read before the cache, which may evict them meanwhile. */
  readonly #unwritten = new Map<string, Entry | null>();
  #queued: { decided: [string, Entry | null][]; written: Promise<void> } | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(directory: string, options: LevelStoreOptions = {}) {
    this.#db = new ClassicLevel(directory, { valueEncoding: 'utf8', compression: false });
    this.#now = options.now ?? Date.now;
    this.#sync = options.sync ?? false;
    this.#sweeper = setInterval(() => void this.sweep(), options.sweepMs ?? 60_000);
    this.#sweeper.unref?.();
  }

  /** Opens the directory now (it would open on first use); fails if another process holds it. */
  async open(): Promise<this> {
    await this.#db.open();
    await this.sweep();
    return this;
  }

  /** Runs `work` after every earlier operation on `key` has decided its value. */
  #locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (this.#locks.get(key) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => undefined);
    this.#locks.set(key, tail);
    void tail.then(() => {
      if (this.#locks.get(key) === tail) this.#locks.delete(key);
    });
    return run;
  }

  #remember(key: string, entry: Entry | null) {
    if (!this.#cache.has(key) && this.#cache.size >= CACHE_ENTRIES) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    this.#cache.set(key, entry);
  }

  async #entry(key: string): Promise<Entry | null> {
    const unwritten = this.#unwritten.get(key);
    if (unwritten !== undefined) return unwritten;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;
    const raw = await this.#db.get(VALUE + key);
    const entry = raw === undefined ? null : (JSON.parse(raw) as Entry);
    // Only if nothing was decided for the key meanwhile (a write under its lock, a sweep).
    if (!this.#cache.has(key) && !this.#unwritten.has(key)) this.#remember(key, entry);
    return entry;
  }

  async #read(key: string): Promise<string | undefined> {
    const entry = await this.#entry(key);
    return entry && entry[1] > this.#now() ? entry[0] : undefined;
  }

  /**
   * Decides a new value for `key` now (the cache) and queues it for the disk;
   * the returned promise settles when the batch holding it is written.
   */
  #write(key: string, entry: Entry | null): Promise<void> {
    this.#remember(key, entry);
    this.#unwritten.set(key, entry);
    if (!this.#queued) {
      const decided: [string, Entry | null][] = [];
      // The next batch goes out when the one being written is done: writes wait for at most one batch.
      const written = this.#writing
        .then(() => {
          this.#queued = undefined;
          const batch = decided.map(([k, e]) =>
            e === null
              ? { type: 'del' as const, key: VALUE + k }
              : { type: 'put' as const, key: VALUE + k, value: JSON.stringify(e) },
          );
          return this.#db.batch(batch, { sync: this.#sync });
        })
        .finally(() => {
          // On disk now (or refused, and the disk is the truth again): unless decided again since.
          for (const [k, e] of decided) if (this.#unwritten.get(k) === e) this.#unwritten.delete(k);
        });
      this.#queued = { decided, written };
      this.#writing = written.catch(() => {
        // The disk refused: what the cache holds may not be there. Forget it all.
        this.#cache.clear();
      });
    }
    this.#queued.decided.push([key, entry]);
    return this.#queued.written;
  }

  /** Runs `decide` under the key's lock, then waits, outside it, for the decided write to reach the disk. */
  async #update<T>(key: string, decide: () => Promise<[result: T, written?: Promise<void> | undefined]>): Promise<T> {
    const [result, written] = await this.#locked(key, decide);
    await written;
    return result;
  }

  get(key: string) {
    return this.#read(key);
  }

  set(key: string, value: string, ttlMs: number) {
    return this.#update(key, async () => [undefined, this.#write(key, [value, this.#now() + ttlMs])]);
  }

  setIfAbsent(key: string, value: string, ttlMs: number) {
    return this.#update(key, async () => {
      if ((await this.#read(key)) !== undefined) return [false];
      return [true, this.#write(key, [value, this.#now() + ttlMs])];
    });
  }

  compareAndSet(key: string, expected: string, next: string, ttlMs: number) {
    return this.#update(key, async () => {
      if ((await this.#read(key)) !== expected) return [false];
      return [true, this.#write(key, [next, this.#now() + ttlMs])];
    });
  }

  take(key: string) {
    return this.#update(key, async () => {
      const value = await this.#read(key);
      return [value, value === undefined ? undefined : this.#write(key, null)];
    });
  }

  /**
   * Answers once the count is decided, without waiting for the disk: counters are limits, and a
   * kill -9 may lose the counts of the batch being written (milliseconds), never a stored value.
   */
  increment(key: string, ttlMs: number) {
    return this.#update(key, async () => {
      const entry = await this.#entry(key);
      const now = this.#now();
      const live = entry !== null && entry[1] > now;
      const next = (live ? Number(entry[0]) : 0) + 1;
      // A refused batch clears the cache (see #write): nothing more to do for a count.
      this.#write(key, [String(next), live ? entry[1] : now + ttlMs]).catch(() => undefined);
      return [next];
    });
  }

  delete(key: string) {
    return this.#update(key, async () => [undefined, this.#write(key, null)]);
  }

  schedule(queue: string, member: string, dueAt: number) {
    return this.#locked(`${MEMBER}${queue}\x00${member}`, async () => {
      const memberKey = `${MEMBER}${queue}\x00${member}`;
      const previous = await this.#db.get(memberKey);
      const batch = this.#db.batch();
      if (previous !== undefined) batch.del(`${QUEUE}${queue}\x00${previous}\x00${member}`);
      batch.put(memberKey, pad(dueAt));
      batch.put(`${QUEUE}${queue}\x00${pad(dueAt)}\x00${member}`, '');
      await batch.write({ sync: this.#sync });
    });
  }

  async due(queue: string, upTo: number, limit: number) {
    const prefix = `${QUEUE}${queue}\x00`;
    const members: string[] = [];
    for await (const key of this.#db.keys({ gte: prefix, lte: `${prefix}${pad(upTo)}\x00\xff`, limit })) {
      members.push(key.slice(prefix.length + 16));
    }
    return members;
  }

  unschedule(queue: string, member: string) {
    return this.#locked(`${MEMBER}${queue}\x00${member}`, async () => {
      const memberKey = `${MEMBER}${queue}\x00${member}`;
      const previous = await this.#db.get(memberKey);
      if (previous === undefined) return;
      await this.#db.batch(
        [
          { type: 'del', key: memberKey },
          { type: 'del', key: `${QUEUE}${queue}\x00${previous}\x00${member}` },
        ],
        { sync: this.#sync },
      );
    });
  }

  /** Deletes expired values (reads already ignore them), each under its key's lock. */
  async sweep(): Promise<void> {
    if (this.#db.status !== 'open') return;
    const expired: string[] = [];
    for await (const [key, raw] of this.#db.iterator({ gte: VALUE, lt: 'v\x01' })) {
      if ((JSON.parse(raw) as Entry)[1] <= this.#now()) expired.push(key.slice(VALUE.length));
    }
    await Promise.all(
      expired.map((key) =>
        this.#update(key, async () => {
          // Written again since the scan? Then it stays.
          const entry = await this.#entry(key);
          return [undefined, entry && entry[1] <= this.#now() ? this.#write(key, null) : undefined];
        }),
      ),
    );
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    while (this.#locks.size > 0) await Promise.all([...this.#locks.values()]);
    await this.#queued?.written.catch(() => undefined);
    await this.#writing;
    await this.#db.close();
  }
}
