import { ClassicLevel } from 'classic-level';
import { Journal, type JournalOp, retireJournalFiles } from './level-journal.js';
import type { Store } from './types.js';

export interface LevelStoreOptions {
  /** fsync every write: survives power loss, not only a process crash. Slower. */
  sync?: boolean;
  now?: () => number;
  /** How often expired entries are swept from disk. */
  sweepMs?: number;
  /** Without `sync`: how large a journal file grows before the next one is begun (default 4 MiB). */
  journalFileBytes?: number;
}

// Key spaces: values, values by expiry time, queue entries ordered by due time, and each
// member's current due time; and the format of what is on disk.
const VALUE = 'v\x00';
const EXPIRY = 'x\x00';
const QUEUE = 'q\x00';
const MEMBER = 'm\x00';
const FORMAT = 'f\x00';
/**
 * 2: a value is stored behind its expiry time, and indexed by it: an index entry names the keys one
 * batch wrote that expire within the same second (or, written by an upgrade, the one key in its own
 * name). 1 (no key): JSON [value, expiresAt], no index.
 */
const CURRENT_FORMAT = '2';
const pad = (n: number) => String(Math.max(0, Math.floor(n))).padStart(15, '0');

type Entry = [value: string, expiresAt: number];
/** The expiry in 15 digits, then the value as it is: no JSON around a value that is JSON already. */
const encode = ([value, expiresAt]: Entry) => pad(expiresAt) + value;
const decode = (raw: string): Entry => [raw.slice(15), Number(raw.slice(0, 15))];
const expiryKey = (key: string, expiresAt: number) => `${EXPIRY}${pad(expiresAt)}\x00${key}`;
/**
 * The keys of a batch are indexed together by the second they expire in: one index entry per
 * second, not one per key (a verification's values expire together, and each index entry is a
 * write LevelDB repeats in every compaction).
 */
const INDEX_SECOND_MS = 1_000;
const indexSecond = (expiresAt: number) => Math.ceil(expiresAt / INDEX_SECOND_MS) * INDEX_SECOND_MS;

/** Expired values deleted per pass of the sweeper. */
const SWEEP_BATCH = 1_000;

/** How long a batch holding only counts waits for a write someone awaits, to go out together. */
const COUNT_FLUSH_MS = 10;

/** Counts decided with no acknowledged write after them that go to the journal together. */
const JOURNAL_COUNTS = 1_000;

/** Entries kept in memory (recent reads and writes): hot counters and orders, not the whole store. */
const CACHE_ENTRIES = 20_000;

/** The batch being gathered: what goes out together in the next write. */
interface QueuedBatch {
  /** Per key: its last decided entry, and whether its expiry is new (to be indexed). */
  decided: Map<string, { entry: Entry | null; reindex: boolean }>;
  /** Raw keys and values to put as they are (index entries of sorted queues). */
  raw: [key: string, value: string][];
  written: Promise<void>;
  /** Journal files to delete once this batch is written: it holds what they journaled. */
  retire: string[];
  /** Lets the batch go out once the one before it is written. */
  release: () => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

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
 *   append, level-journal.ts: in the operating system, as LevelDB's own
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
  /** Without `sync`: where writes are acknowledged (see level-journal.ts); set by open(). */
  #journal: Journal | undefined;
  /** Decided since the journal's last line: what its next line holds. */
  #unjournaled: JournalOp[] = [];
  /** The next journal line, appended once per event-loop turn for every write decided in it (setImmediate). */
  #journalLine: Promise<void> | undefined;
  /** A write someone awaits was journaled in this turn: its batch goes to LevelDB in the next (see #journaled). */
  #batchAwaited = false;
  readonly #sweeper: ReturnType<typeof setInterval>;
  readonly #locks = new Map<string, Promise<unknown>>();
  /** Key → entry, or null when known absent. Only ever what the disk holds or is about to. */
  readonly #cache = new Map<string, Entry | null>();
  /** Decided but not yet on disk: read before the cache, which may evict them meanwhile. */
  readonly #unwritten = new Map<string, Entry | null>();
  #queued: QueuedBatch | undefined;
  #writing: Promise<void> = Promise.resolve();
  /** Names this process's index entries apart from any other's (an earlier run's, after a restart). */
  readonly #indexPrefix = crypto.randomUUID().slice(0, 8);
  #indexSeq = 0;

  constructor(directory: string, options: LevelStoreOptions = {}) {
    this.#db = new ClassicLevel(directory, { valueEncoding: 'utf8', compression: false });
    this.#now = options.now ?? Date.now;
    this.#sync = options.sync ?? false;
    this.#directory = directory;
    this.#journalFileBytes = options.journalFileBytes ?? 4 * 1024 * 1024;
    this.#sweeper = setInterval(() => void this.sweep(), options.sweepMs ?? 60_000);
    this.#sweeper.unref?.();
  }

  /** Opens the directory; fails if another process holds it. Needed before first use. */
  async open(): Promise<this> {
    await this.#db.open();
    if (this.#db.getSync(FORMAT) !== CURRENT_FORMAT) await this.#upgrade();
    const lastSeq = await this.#replayJournal();
    // With `sync`, a write is acknowledged once LevelDB has fsynced it: no journal.
    if (!this.#sync) this.#journal = new Journal(this.#directory, lastSeq + 1, this.#journalFileBytes);
    await this.sweep();
    return this;
  }

  /**
   * Writes what a crashed run journaled and LevelDB may not have written (in order: a later write
   * of a key wins), then deletes those journals. Returns the last journal's number.
   */
  async #replayJournal(): Promise<number> {
    const { ops, files, lastSeq } = Journal.leftOver(this.#directory);
    if (files.length === 0) return 0;
    const queued = this.#nextBatch();
    for (const op of ops) {
      if (op[0] === 0) this.#write(op[1], [op[3], op[2]], { awaited: false, cache: false });
      else if (op[0] === 1) this.#write(op[1], null, { awaited: false, cache: false });
      else queued.raw.push([op[1], op[2]]);
    }
    queued.retire.push(...files);
    clearTimeout(queued.timer);
    queued.release();
    await queued.written;
    return lastSeq;
  }

  /**
   * Resolves once the writes decided so far are journaled: in one append for everything decided in
   * this turn of the event loop (every request's writes that its I/O callbacks decided), not one
   * per write, which under load cost each request two appends.
   *
   * The LevelDB batch holding them is released one turn later, once the answers this append
   * acknowledged are on their way out: building a batch is main-thread work every answer waited
   * for when the batch went out first, and the later batch also takes in the next turn's writes.
   */
  #journaled(): Promise<void> {
    this.#journalLine ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.#journalLine = undefined;
        const ops = this.#unjournaled;
        this.#unjournaled = [];
        try {
          this.#journal?.append(ops);
          resolve();
        } catch (error) {
          reject(error);
        }
        const queued = this.#queued;
        if (this.#batchAwaited && queued) setImmediate(queued.release);
        this.#batchAwaited = false;
      });
    });
    return this.#journalLine;
  }

  /** Rewrites a format-1 directory: every value behind its expiry, and indexed by it. */
  async #upgrade(): Promise<void> {
    let batch = this.#db.batch();
    for await (const [key, raw] of this.#db.iterator({ gte: VALUE, lt: 'v\x01' })) {
      const entry = JSON.parse(raw) as Entry;
      batch.put(key, encode(entry));
      batch.put(expiryKey(key.slice(VALUE.length), entry[1]), '');
      if (batch.length >= SWEEP_BATCH) {
        await batch.write({ sync: this.#sync });
        batch = this.#db.batch();
      }
    }
    batch.put(FORMAT, CURRENT_FORMAT);
    await batch.write({ sync: this.#sync });
  }

  /** Runs `work` after every earlier queue operation on the same member. */
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

  /**
   * A cache miss reads the disk synchronously: LevelDB answers a point read from its memtable,
   * block cache and bloom filters in about a microsecond, where an asynchronous get costs a
   * thread-pool round trip (tens of microseconds, more when WebCrypto keeps the pool busy).
   */
  #entry(key: string, remember = true): Entry | null {
    const unwritten = this.#unwritten.get(key);
    if (unwritten !== undefined) return unwritten;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;
    const raw = this.#db.getSync(VALUE + key);
    const entry = raw === undefined ? null : decode(raw);
    // What was found is kept, an absence is not: most misses are keys about to be written once
    // (an Idempotency-Key's first look), and remembering them filled the cache with one-off keys.
    if (remember && entry !== null) this.#remember(key, entry);
    return entry;
  }

  /** On disk now (or refused, and the disk is the truth again): unless decided again since. */
  #written(decided: QueuedBatch['decided']): void {
    for (const [k, { entry: e }] of decided) if (this.#unwritten.get(k) === e) this.#unwritten.delete(k);
  }

  #read(key: string): string | undefined {
    const entry = this.#entry(key);
    return entry && entry[1] > this.#now() ? entry[0] : undefined;
  }

  /**
   * Decides a new value for `key` now (the cache) and queues it for the disk;
   * the returned promise settles when the batch holding it is written. A batch
   * goes out as soon as the one before it is done, unless it holds only counts:
   * then it waits up to COUNT_FLUSH_MS for a write someone awaits, and goes with it.
   */
  #write(key: string, entry: Entry | null, { awaited = true, cache = true, settledSoon = false } = {}): Promise<void> {
    // The expiry index needs a new entry only when the expiry changed (a count keeps its window's).
    const before = this.#unwritten.get(key) ?? this.#cache.get(key);
    const reindex = entry !== null && (!before || before[1] !== entry[1]);
    // (The sweeper's deletions update the cache only where the key is already cached.)
    if (cache || this.#cache.has(key)) this.#remember(key, entry);
    this.#unwritten.set(key, entry);
    const queued = this.#nextBatch();
    const earlier = queued.decided.get(key);
    queued.decided.set(key, { entry, reindex: reindex || (earlier?.reindex ?? false) });
    if (this.#journal) this.#unjournaled.push(entry === null ? [1, key] : [0, key, entry[1], entry[0]]);
    if (awaited && settledSoon && this.#journal) {
      // Acknowledged once journaled; its batch waits for the write that settles it (which then
      // replaces it in the same batch) or goes after COUNT_FLUSH_MS, as counts do.
      queued.timer ??= setTimeout(queued.release, COUNT_FLUSH_MS);
      return this.#journaled();
    }
    if (awaited) {
      clearTimeout(queued.timer);
      // Journaled is acknowledged; LevelDB's write follows on its own, a turn later.
      if (this.#journal) return this.#journaledThenBatch();
      queued.release();
    } else {
      queued.timer ??= setTimeout(queued.release, COUNT_FLUSH_MS);
      // Counts alone (requests refused by a limit write nothing else) still reach the journal.
      if (this.#unjournaled.length >= JOURNAL_COUNTS) this.#journaled().catch(() => undefined);
    }
    return queued.written;
  }

  /** The batch that goes out next, begun when there is none. */
  #nextBatch(): QueuedBatch {
    if (!this.#queued) {
      // One entry per key: a key decided twice before its batch goes out is written once.
      const decided = new Map<string, { entry: Entry | null; reindex: boolean }>();
      const raw: [string, string][] = [];
      const retire: string[] = [];
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const written = Promise.all([this.#writing, released])
        .then(() => {
          this.#queued = undefined;
          // A chained batch: each put goes straight into LevelDB's write batch. The array form
          // copies and re-validates every operation in JS first, and cost ~3.5× as much
          // main-thread time (118 µs against 33 µs for 16 keys, measured here).
          const batch = this.#db.batch();
          try {
            const indexed = new Map<number, string[]>();
            for (const [k, { entry: e, reindex }] of decided) {
              // A deleted value's index entry stays: the sweeper drops it when its time comes.
              if (e === null) batch.del(VALUE + k);
              else {
                batch.put(VALUE + k, encode(e));
                if (!reindex) continue;
                const second = indexSecond(e[1]);
                const keys = indexed.get(second);
                if (keys) keys.push(k);
                else indexed.set(second, [k]);
              }
            }
            for (const [second, keys] of indexed) {
              const name = `${this.#indexPrefix}${(this.#indexSeq++).toString(36)}`;
              batch.put(expiryKey(name, second), JSON.stringify(keys));
            }
            for (const [k, v] of raw) batch.put(k, v);
          } catch (error) {
            // Not written: released, and the error is the one that counts.
            batch.close().catch(() => undefined);
            throw error;
          }
          // Everything journaled so far is in this batch or an earlier one.
          const full = this.#journal?.rotateIfFull();
          if (full) retire.push(full);
          return batch.write({ sync: this.#sync });
        })
        .then(
          () => {
            this.#written(decided);
            retireJournalFiles(retire);
          },
          (error: unknown) => {
            if (this.#journal) {
              // Journaled, so acknowledged: what LevelDB refused goes again with the next batch
              // (where a later decision of a key wins), and stays readable meanwhile.
              const next = this.#nextBatch();
              for (const [k, d] of decided) if (!next.decided.has(k)) next.decided.set(k, d);
              next.raw.push(...raw);
              next.retire.push(...retire);
              next.timer ??= setTimeout(next.release, COUNT_FLUSH_MS);
            } else this.#written(decided);
            throw error;
          },
        );
      this.#queued = { decided, raw, written, retire, release, timer: undefined };
      this.#writing = written.catch(() => {
        // The disk refused: what the cache holds may not be there. Forget it all. (With the
        // journal, what was refused is still decided and goes again: the cache stays right.)
        if (!this.#journal) this.#cache.clear();
      });
    }
    return this.#queued;
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
    return this.#locked(`${MEMBER}${queue}\x00${member}`, async () => {
      const memberKey = `${MEMBER}${queue}\x00${member}`;
      const previous = this.#db.getSync(memberKey);
      const batch = this.#db.batch();
      if (previous !== undefined) batch.del(`${QUEUE}${queue}\x00${previous}\x00${member}`);
      batch.put(memberKey, pad(dueAt));
      batch.put(`${QUEUE}${queue}\x00${pad(dueAt)}\x00${member}`, '');
      await batch.write({ sync: this.#sync });
    });
  }

  /**
   * A member added once (an index entry): it goes out with the next group-committed batch, with
   * no read for an earlier place, no batch of its own, and no record of its place (what
   * `schedule` needs to move a member): it leaves only by `trim`.
   */
  index(queue: string, member: string, at: number): Promise<void> {
    const queued = this.#nextBatch();
    const key = `${QUEUE}${queue}\x00${pad(at)}\x00${member}`;
    queued.raw.push([key, '']);
    clearTimeout(queued.timer);
    if (!this.#journal) {
      queued.release();
      return queued.written;
    }
    this.#unjournaled.push([2, key, '']);
    return this.#journaledThenBatch();
  }

  /** A write someone awaits: acknowledged once journaled, and its batch released the turn after. */
  #journaledThenBatch(): Promise<void> {
    this.#batchAwaited = true;
    return this.#journaled();
  }

  /**
   * Resolves once every write decided so far is in LevelDB itself, not only journaled: what its
   * iterators read (queues, ranges, the sweeper) and what a copy of the directory would hold.
   */
  async flush(): Promise<void> {
    const queued = this.#queued;
    if (queued) {
      clearTimeout(queued.timer);
      queued.release();
      await queued.written.catch(() => undefined);
    }
    await this.#writing;
  }

  async due(queue: string, upTo: number, limit: number) {
    await this.flush();
    const prefix = `${QUEUE}${queue}\x00`;
    const members: string[] = [];
    for await (const key of this.#db.keys({ gte: prefix, lte: `${prefix}${pad(upTo)}\x00\xff`, limit })) {
      members.push(key.slice(prefix.length + 16));
    }
    return members;
  }

  async range(queue: string, from: number, to: number, limit: number, after?: string) {
    // An index entry acknowledged a moment ago may still be on its way from the journal to LevelDB.
    await this.flush();
    const prefix = `${QUEUE}${queue}\x00`;
    const first = `${prefix}${pad(Math.ceil(from))}\x00`;
    const members: string[] = [];
    const bounds = after === undefined ? { gte: first } : { gt: first + after };
    for await (const key of this.#db.keys({ ...bounds, lte: `${prefix}${pad(to)}\x00\xff`, limit })) {
      members.push(key.slice(prefix.length + 16));
    }
    return members;
  }

  async trim(queue: string, before: number) {
    await this.flush();
    const prefix = `${QUEUE}${queue}\x00`;
    for (;;) {
      const batch = this.#db.batch();
      for await (const key of this.#db.keys({
        gte: prefix,
        lt: `${prefix}${pad(Math.ceil(before))}\x00`,
        limit: SWEEP_BATCH,
      })) {
        batch.del(key);
        batch.del(`${MEMBER}${queue}\x00${key.slice(prefix.length + 16)}`);
      }
      const count = batch.length;
      await batch.write({ sync: this.#sync });
      if (count < SWEEP_BATCH * 2) return;
    }
  }

  unschedule(queue: string, member: string) {
    return this.#locked(`${MEMBER}${queue}\x00${member}`, async () => {
      const memberKey = `${MEMBER}${queue}\x00${member}`;
      const previous = this.#db.getSync(memberKey);
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

  /**
   * Deletes expired values (reads already ignore them), found through the expiry index: a pass
   * costs what expired, not what the store holds. At most about SWEEP_BATCH values per batch.
   */
  async sweep(): Promise<void> {
    // The expiry index is read from LevelDB: what was journaled goes there first.
    await this.flush();
    for (;;) {
      if (this.#db.status !== 'open') return;
      const indexEntries: string[] = [];
      const keys: string[] = [];
      let more = false;
      const upTo = `${EXPIRY}${pad(this.#now())}\x00\xff`;
      for await (const [indexKey, listed] of this.#db.iterator({ gte: EXPIRY, lte: upTo })) {
        if (keys.length >= SWEEP_BATCH) {
          more = true;
          break;
        }
        indexEntries.push(indexKey);
        // An entry an upgrade wrote names its one key itself; the others list theirs.
        if (listed === '') keys.push(indexKey.slice(EXPIRY.length + 16));
        else keys.push(...(JSON.parse(listed) as string[]));
      }
      if (indexEntries.length === 0) return;
      const deletions: Promise<void>[] = [];
      for (const key of keys) {
        // Written again since (with a later expiry, indexed again)? Then it stays.
        const entry = this.#entry(key, false);
        if (entry && entry[1] <= this.#now()) deletions.push(this.#write(key, null, { cache: false }));
      }
      await Promise.all(deletions);
      await this.#db.batch(
        indexEntries.map((key) => ({ type: 'del' as const, key })),
        { sync: this.#sync },
      );
      if (!more) return;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    while (this.#locks.size > 0) await Promise.all([...this.#locks.values()]);
    await this.flush();
    // A batch refused on the way went again: if that one was refused too, its journal stays for the next open.
    this.#journal?.close(this.#queued === undefined);
    this.#journal = undefined;
    await this.#db.close();
  }
}
