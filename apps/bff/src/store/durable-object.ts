import { type Store, StoreUnavailableError } from './types.js';

/** The part of a Durable Object's `ctx.storage` this store uses (the key-value API). */
export interface DurableStorage {
  get<T>(key: string): Promise<T | undefined>;
  put(entries: Record<string, unknown>): Promise<void>;
  delete(keys: string[]): Promise<number>;
  list<T>(options: { prefix?: string; start?: string; end?: string; limit?: number }): Promise<Map<string, T>>;
  getAlarm(): Promise<number | null>;
  setAlarm(time: number): Promise<void>;
}

interface Entry {
  v: string;
  /** Expires at (ms since the epoch). */
  e: number;
}

// Key spaces: values; queue entries ordered by due time; each queued member's current due time.
const VALUE = 'v:';
const QUEUE = 'q:';
const MEMBER = 'm:';
const pad = (n: number) => String(Math.max(0, Math.floor(n))).padStart(15, '0');
const SWEEP_MS = 60_000;

/** The store's operations a Durable Object runs for the Worker: what crosses the RPC boundary, by name. */
export const STORE_OPS = [
  'get',
  'set',
  'setIfAbsent',
  'compareAndSet',
  'take',
  'increment',
  'delete',
  'schedule',
  'due',
  'unschedule',
  'index',
  'range',
  'trim',
] as const satisfies readonly (keyof Store)[];
export type StoreOp = (typeof STORE_OPS)[number];

/**
 * The store's operations inside one Durable Object. A Durable Object runs one
 * event at a time and holds its input gate closed while it awaits its own
 * storage, so each method below is atomic without locks: the read-modify-write
 * steps (setIfAbsent, compareAndSet, take, increment) cannot interleave.
 * Expired values are ignored on read and swept by an alarm.
 */
export class DurableStoreOps implements Omit<Store, 'close' | 'shared'> {
  /** Whether a sweep is known to be scheduled: saves a getAlarm() on every write while the object lives. */
  #sweepScheduled = false;

  constructor(
    private readonly storage: DurableStorage,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs the operation `op` named with `args` (the Durable Object's one RPC method). */
  run(op: StoreOp, args: readonly unknown[]): Promise<unknown> {
    if (!STORE_OPS.includes(op)) return Promise.reject(new Error(`not a store operation: ${String(op)}`));
    return (this[op] as (...a: readonly unknown[]) => Promise<unknown>)(...args);
  }

  async #live(key: string): Promise<Entry | undefined> {
    const entry = await this.storage.get<Entry>(VALUE + key);
    return entry && entry.e > this.now() ? entry : undefined;
  }

  async #write(key: string, value: string, expiresAt: number): Promise<void> {
    await this.storage.put({ [VALUE + key]: { v: value, e: expiresAt } satisfies Entry });
    if (this.#sweepScheduled) return;
    if ((await this.storage.getAlarm()) === null) await this.storage.setAlarm(this.now() + SWEEP_MS);
    this.#sweepScheduled = true;
  }

  async get(key: string) {
    return (await this.#live(key))?.v;
  }

  async set(key: string, value: string, ttlMs: number) {
    await this.#write(key, value, this.now() + ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    if (await this.#live(key)) return false;
    await this.#write(key, value, this.now() + ttlMs);
    return true;
  }

  async compareAndSet(key: string, expected: string, next: string, ttlMs: number) {
    if ((await this.#live(key))?.v !== expected) return false;
    await this.#write(key, next, this.now() + ttlMs);
    return true;
  }

  async take(key: string) {
    const entry = await this.#live(key);
    if (entry) await this.storage.delete([VALUE + key]);
    return entry?.v;
  }

  async increment(key: string, ttlMs: number) {
    const entry = await this.#live(key);
    const next = (entry ? Number(entry.v) : 0) + 1;
    await this.#write(key, String(next), entry?.e ?? this.now() + ttlMs);
    return next;
  }

  async delete(key: string) {
    await this.storage.delete([VALUE + key]);
  }

  async schedule(queue: string, member: string, dueAt: number) {
    await this.unschedule(queue, member);
    await this.storage.put({
      [`${QUEUE}${queue}:${pad(dueAt)}:${member}`]: member,
      [`${MEMBER}${queue}:${member}`]: dueAt,
    });
  }

  async due(queue: string, upTo: number, limit: number) {
    const entries = await this.storage.list<string>({
      start: `${QUEUE}${queue}:`,
      end: `${QUEUE}${queue}:${pad(upTo + 1)}`,
      limit,
    });
    return [...entries.values()];
  }

  index(queue: string, member: string, at: number) {
    return this.schedule(queue, member, at);
  }

  async range(queue: string, from: number, to: number, limit: number, after?: string) {
    const first = `${QUEUE}${queue}:${pad(Math.ceil(from))}:`;
    const entries = await this.storage.list<string>({
      // `start` is inclusive: past `after`, the smallest key after it (its own key plus a NUL).
      start: after === undefined ? first : `${first}${after}\x00`,
      end: `${QUEUE}${queue}:${pad(Math.floor(to) + 1)}`,
      limit,
    });
    return [...entries.values()];
  }

  async trim(queue: string, before: number) {
    for (;;) {
      const entries = await this.storage.list<string>({
        start: `${QUEUE}${queue}:`,
        end: `${QUEUE}${queue}:${pad(Math.ceil(before))}`,
        limit: 64,
      });
      if (entries.size === 0) return;
      // Two keys per entry, within delete()'s 128.
      await this.storage.delete([...entries].flatMap(([key, member]) => [key, `${MEMBER}${queue}:${member}`]));
      if (entries.size < 64) return;
    }
  }

  async unschedule(queue: string, member: string) {
    const at = await this.storage.get<number>(`${MEMBER}${queue}:${member}`);
    if (at === undefined) return;
    await this.storage.delete([`${QUEUE}${queue}:${pad(at)}:${member}`, `${MEMBER}${queue}:${member}`]);
  }

  /** The alarm: drops expired values, a page at a time, and comes back while any value is left. */
  async sweep(): Promise<void> {
    this.#sweepScheduled = false;
    const now = this.now();
    let start = VALUE;
    let remaining = false;
    for (;;) {
      const page = await this.storage.list<Entry>({ start, prefix: VALUE, limit: 500 });
      const expired = [...page].filter(([, entry]) => entry.e <= now).map(([key]) => key);
      if (expired.length > 0) await this.storage.delete(expired);
      if (page.size > expired.length) remaining = true;
      if (page.size < 500) break;
      start = `${[...page.keys()].at(-1)}\u0000`;
    }
    if (remaining) {
      await this.storage.setAlarm(now + SWEEP_MS);
      this.#sweepScheduled = true;
    }
  }
}

/** What the Worker holds: a stub of the Durable Object, whose RPC method runs a store operation. */
export interface DurableStoreStub {
  run(op: StoreOp, args: readonly unknown[]): Promise<unknown>;
}

/**
 * The Store the app uses on Workers: every call goes to the one Durable
 * Object over RPC. `stub` is asked for a fresh stub per call, because a stub
 * belongs to the request that made it and the app outlives requests. A call
 * that cannot reach the object (overloaded, reset, network) surfaces as
 * StoreUnavailableError (→ 503), like Redis being down.
 */
export function durableObjectStore(stub: () => DurableStoreStub): Store {
  const call = async (op: StoreOp, args: unknown[]) => {
    try {
      return await stub().run(op, args);
    } catch (error) {
      throw new StoreUnavailableError(`durable object: ${error instanceof Error ? error.name : 'error'}`);
    }
  };
  const operations = Object.fromEntries(STORE_OPS.map((op) => [op, (...args: unknown[]) => call(op, args)]));
  return { shared: true, ...operations } as unknown as Store;
}
