/**
 * The one small interface every store implements (memory, embedded, Redis,
 * Durable Objects). Values are strings (JSON where structured); every write
 * takes a time-to-live so nothing grows without bound.
 */
export interface Store {
  /**
   * True when other instances read and write the same data (Redis, Durable
   * Objects). A store only this process can open (memory, LevelDB) says false:
   * what needs no sharing then (per-minute counters, QPS pacing, the circuit
   * breaker, in-progress idempotency claims) stays in this process's memory
   * instead of costing a round trip.
   */
  readonly shared: boolean;
  /**
   * True when writes issued one after another are applied in that order without waiting for each
   * other's answers (one Redis server over one connection: a pipeline). An answer that refers to
   * other writes is then sent right behind them, in the same round trip; on a shared store
   * without it (a cluster, where they may land on different servers), after they are answered.
   */
  readonly ordered?: boolean;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Atomic: writes only when the key is absent; true when it wrote. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Atomic: replaces the value only if it still equals `expected`; true when it wrote. */
  compareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<boolean>;
  /** Atomic read-and-delete (one-time tickets). */
  take(key: string): Promise<string | undefined>;
  /** Atomic increment; the expiry is set when the counter is created. */
  increment(key: string, ttlMs: number): Promise<number>;
  delete(key: string): Promise<void>;

  /** Time-ordered queue (the webhook outbox): adds `member` or moves it to `dueAt`. */
  schedule(queue: string, member: string, dueAt: number): Promise<void>;
  /** Members due at or before `upTo`, earliest first. */
  due(queue: string, upTo: number, limit: number): Promise<string[]>;
  unschedule(queue: string, member: string): Promise<void>;
  /**
   * Adds a member that is not in the queue, will not move and leaves only by `trim` (an index
   * entry): `schedule` without what moving needs, which a store may skip (LevelDB writes it with
   * the next batch and keeps no record of its place).
   */
  index(queue: string, member: string, at: number): Promise<void>;
  /**
   * Members scored from `from` to `to` (both included), earliest first, ties by member; with
   * `after` (a member scored `from`), only those past it: a page after the last one read.
   */
  range(queue: string, from: number, to: number, limit: number, after?: string): Promise<string[]>;
  /**
   * Removes the members scored before `before`: an index's entries older than its records. For
   * queues whose members are scheduled once (an index), not for ones that move them (the outbox).
   */
  trim(queue: string, before: number): Promise<void>;

  /** Releases files, connections and timers. */
  close?(): Promise<void>;
}

/** Thrown by a store that cannot be reached; the app answers 503 STORE_UNAVAILABLE. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
