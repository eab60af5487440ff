import type { ClassicLevel } from 'classic-level';
import type { EntryCache } from './cache.js';
import { type Journal, type JournalOp, journalOps, replayOp, retireJournalFiles } from './journal.js';
import { type Entry, encodeEntry, expiryKey, valueKey } from './layout.js';

/** How long a batch holding only counts (or claims) waits for a write someone awaits, to go out together. */
export const COUNT_FLUSH_MS = 10;

/** Counts decided with no acknowledged write after them that go to the journal together. */
const JOURNAL_COUNTS = 1_000;

/**
 * The keys of a batch are indexed together by the second they expire in: one index entry per
 * second, not one per key (a verification's values expire together, and each index entry is a
 * write LevelDB repeats in every compaction).
 */
const INDEX_SECOND_MS = 1_000;
const indexSecond = (expiresAt: number) => Math.ceil(expiresAt / INDEX_SECOND_MS) * INDEX_SECOND_MS;

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

export interface WriteOptions {
  /** Someone waits for it (not a count, which answers once decided). */
  awaited?: boolean;
  /** Remember it in the cache (else only where the key is cached already). */
  cache?: boolean;
  /** A write the next one settles within milliseconds (a claim): no batch of its own. */
  settledSoon?: boolean;
}

/**
 * How decided writes reach the disk: journaled first (one synchronous append per event-loop turn,
 * journal.ts: that acknowledges them), then committed to LevelDB in groups (writes decided while
 * a batch is being written go out together in the next one, in order, one entry per key). Without
 * a journal (`sync`), a write is acknowledged once its batch is fsynced.
 */
export class GroupCommit {
  readonly #db: ClassicLevel<string, string>;
  readonly #sync: boolean;
  readonly #cache: EntryCache;
  journal: Journal | undefined;
  /** Decided since the journal's last line: what its next line holds. */
  #unjournaled: JournalOp[] = [];
  /** The next journal line, appended once per event-loop turn for every write decided in it (setImmediate). */
  #journalLine: Promise<void> | undefined;
  /** A write someone awaits was journaled in this turn: its batch goes to LevelDB in the next (see #journaled). */
  #batchAwaited = false;
  /** Decided but not yet on disk: read before the cache, which may evict them meanwhile. */
  readonly #unwritten = new Map<string, Entry | null>();
  #queued: QueuedBatch | undefined;
  #writing: Promise<void> = Promise.resolve();
  /** Names this process's index entries apart from any other's (an earlier run's, after a restart). */
  readonly #indexPrefix = crypto.randomUUID().slice(0, 8);
  #indexSeq = 0;

  constructor(db: ClassicLevel<string, string>, sync: boolean, cache: EntryCache) {
    this.#db = db;
    this.#sync = sync;
    this.#cache = cache;
  }

  /** What was decided for `key` and is not on disk yet (undefined: nothing). */
  unwritten(key: string): Entry | null | undefined {
    return this.#unwritten.get(key);
  }

  /**
   * Decides a new value for `key` now (the cache) and queues it for the disk; the returned promise
   * settles once it is acknowledged. A batch goes out as soon as the one before it is done, unless
   * it holds only counts (or claims): then it waits up to COUNT_FLUSH_MS for a write someone
   * awaits, and goes with it.
   */
  write(key: string, entry: Entry | null, { awaited = true, cache = true, settledSoon = false }: WriteOptions = {}) {
    // The expiry index needs a new entry only when the expiry changed (a count keeps its window's).
    const before = this.#unwritten.get(key) ?? this.#cache.get(key);
    const reindex = entry !== null && (!before || before[1] !== entry[1]);
    // (The sweeper's deletions update the cache only where the key is already cached.)
    if (cache || this.#cache.has(key)) this.#cache.remember(key, entry);
    this.#unwritten.set(key, entry);
    const queued = this.#nextBatch();
    const earlier = queued.decided.get(key);
    queued.decided.set(key, { entry, reindex: reindex || (earlier?.reindex ?? false) });
    if (this.journal)
      this.#unjournaled.push(entry === null ? journalOps.delete(key) : journalOps.put(key, entry[1], entry[0]));
    if (awaited && settledSoon && this.journal) {
      // Acknowledged once journaled; its batch waits for the write that settles it (which then
      // replaces it in the same batch) or goes after COUNT_FLUSH_MS, as counts do.
      queued.timer ??= setTimeout(queued.release, COUNT_FLUSH_MS);
      return this.#journaled();
    }
    if (awaited) {
      clearTimeout(queued.timer);
      // Journaled is acknowledged; LevelDB's write follows on its own, a turn later.
      if (this.journal) return this.#journaledThenBatch();
      queued.release();
    } else {
      queued.timer ??= setTimeout(queued.release, COUNT_FLUSH_MS);
      // Counts alone (requests refused by a limit write nothing else) still reach the journal.
      if (this.#unjournaled.length >= JOURNAL_COUNTS) this.#journaled().catch(() => undefined);
    }
    return queued.written;
  }

  /** Puts a raw key (a queue's index entry) with the next batch; resolves once acknowledged. */
  putRaw(key: string, value: string): Promise<void> {
    const queued = this.#nextBatch();
    queued.raw.push([key, value]);
    clearTimeout(queued.timer);
    if (!this.journal) {
      queued.release();
      return queued.written;
    }
    this.#unjournaled.push(journalOps.raw(key, value));
    return this.#journaledThenBatch();
  }

  /** Writes what a crashed run journaled (a later write of a key wins), then deletes those journals. */
  async replay(ops: JournalOp[], files: string[]): Promise<void> {
    const queued = this.#nextBatch();
    const replayed = { awaited: false, cache: false };
    for (const op of ops) {
      replayOp(op, {
        put: (key, expiresAt, value) => void this.write(key, [value, expiresAt], replayed),
        delete: (key) => void this.write(key, null, replayed),
        raw: (key, value) => queued.raw.push([key, value]),
      });
    }
    queued.retire.push(...files);
    clearTimeout(queued.timer);
    queued.release();
    await queued.written;
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

  /** Whether a batch is still waiting (refused twice, say): its journal must stay for the next open. */
  get pending(): boolean {
    return this.#queued !== undefined;
  }

  /** A write someone awaits: acknowledged once journaled, and its batch released the turn after. */
  #journaledThenBatch(): Promise<void> {
    this.#batchAwaited = true;
    return this.#journaled();
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
          this.journal?.append(ops);
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

  /** On disk now (or refused, and the disk is the truth again): unless decided again since. */
  #written(decided: QueuedBatch['decided']): void {
    for (const [k, { entry: e }] of decided) if (this.#unwritten.get(k) === e) this.#unwritten.delete(k);
  }

  /** The batch that goes out next, begun when there is none. */
  #nextBatch(): QueuedBatch {
    if (this.#queued) return this.#queued;
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
        // Everything journaled so far is in this batch or an earlier one.
        const full = this.#buildAndRotate(decided, raw);
        if (full.rotated) retire.push(full.rotated);
        return full.batch.write({ sync: this.#sync });
      })
      .then(
        () => {
          this.#written(decided);
          retireJournalFiles(retire);
        },
        (error: unknown) => {
          if (this.journal) {
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
      if (!this.journal) this.#cache.clear();
    });
    return this.#queued;
  }

  /** LevelDB's batch of what was decided, and the journal file it makes retirable (if one filled). */
  #buildAndRotate(decided: QueuedBatch['decided'], raw: QueuedBatch['raw']) {
    // A chained batch: each put goes straight into LevelDB's write batch. The array form copies
    // and re-validates every operation in JS first, and cost ~3.5× as much main-thread time
    // (118 µs against 33 µs for 16 keys, measured here).
    const batch = this.#db.batch();
    try {
      const indexed = new Map<number, string[]>();
      for (const [k, { entry: e, reindex }] of decided) {
        // A deleted value's index entry stays: the sweeper drops it when its time comes.
        if (e === null) batch.del(valueKey(k));
        else {
          batch.put(valueKey(k), encodeEntry(e));
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
    return { batch, rotated: this.journal?.rotateIfFull() };
  }
}
