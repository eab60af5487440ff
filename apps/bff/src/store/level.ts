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

/**
 * The embedded persistent store (LevelDB through classic-level): the Node
 * default for a single instance, so orders, the webhook outbox and
 * idempotency records survive a restart. LevelDB locks its directory to one
 * process; inside it, the operations on one key run one after another (a
 * per-key lock), which is what makes setIfAbsent, compareAndSet, take and
 * increment atomic while different keys proceed in parallel.
 * Values are stored uncompressed so that a scan of the files for personal
 * data (which must find none) sees everything.
 */
export class LevelStore implements Store {
  readonly #db: ClassicLevel<string, string>;
  readonly #now: () => number;
  readonly #sync: boolean;
  readonly #sweeper: ReturnType<typeof setInterval>;
  readonly #locks = new Map<string, Promise<unknown>>();

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

  /** Runs `work` after every earlier operation on `key` has finished. */
  #locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (this.#locks.get(key) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => undefined);
    this.#locks.set(key, tail);
    void tail.then(() => {
      if (this.#locks.get(key) === tail) this.#locks.delete(key);
    });
    return run;
  }

  async #read(key: string): Promise<string | undefined> {
    const raw = await this.#db.get(VALUE + key);
    if (raw === undefined) return undefined;
    const [value, expiresAt] = JSON.parse(raw) as [string, number];
    return expiresAt > this.#now() ? value : undefined;
  }

  #put(key: string, value: string, expiresAt: number) {
    return this.#db.put(VALUE + key, JSON.stringify([value, expiresAt]), { sync: this.#sync });
  }

  get(key: string) {
    return this.#read(key);
  }

  set(key: string, value: string, ttlMs: number) {
    return this.#locked(key, () => this.#put(key, value, this.#now() + ttlMs));
  }

  setIfAbsent(key: string, value: string, ttlMs: number) {
    return this.#locked(key, async () => {
      if ((await this.#read(key)) !== undefined) return false;
      await this.#put(key, value, this.#now() + ttlMs);
      return true;
    });
  }

  compareAndSet(key: string, expected: string, next: string, ttlMs: number) {
    return this.#locked(key, async () => {
      if ((await this.#read(key)) !== expected) return false;
      await this.#put(key, next, this.#now() + ttlMs);
      return true;
    });
  }

  take(key: string) {
    return this.#locked(key, async () => {
      const value = await this.#read(key);
      if (value !== undefined) await this.#db.del(VALUE + key, { sync: this.#sync });
      return value;
    });
  }

  increment(key: string, ttlMs: number) {
    return this.#locked(key, async () => {
      const raw = await this.#db.get(VALUE + key);
      const now = this.#now();
      const [value, expiresAt] = raw ? (JSON.parse(raw) as [string, number]) : ['0', 0];
      const live = expiresAt > now;
      const next = (live ? Number(value) : 0) + 1;
      await this.#put(key, String(next), live ? expiresAt : now + ttlMs);
      return next;
    });
  }

  delete(key: string) {
    return this.#locked(key, () => this.#db.del(VALUE + key, { sync: this.#sync }));
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
      if ((JSON.parse(raw) as [string, number])[1] <= this.#now()) expired.push(key.slice(VALUE.length));
    }
    await Promise.all(
      expired.map((key) =>
        this.#locked(key, async () => {
          // Written again since the scan? Then it stays.
          const raw = await this.#db.get(VALUE + key);
          if (raw && (JSON.parse(raw) as [string, number])[1] <= this.#now()) await this.#db.del(VALUE + key);
        }),
      ),
    );
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    while (this.#locks.size > 0) await Promise.all([...this.#locks.values()]);
    await this.#db.close();
  }
}
