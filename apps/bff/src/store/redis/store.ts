import { digest, toHex } from '@cardbind/core/crypto';
import { type Store, StoreUnavailableError } from '../types.js';

/**
 * Sends one Redis command (`['SET', key, value, …]`) and resolves with the
 * reply: `@redis/client`'s `sendCommand`, Bun's `RedisClient.send`, or any
 * client. Web APIs only here, so the store runs wherever the client does.
 */
export type RedisCommand = (args: string[]) => Promise<unknown>;

export interface RedisStoreOptions {
  /**
   * The commands go to one server over one connection, so they are applied in the order they are
   * sent (see Store.ordered). Default true; false for a cluster, where keys live on several.
   */
  ordered?: boolean;
  /** Put in front of every key, so several apps can share one database. Default `cardbind:`. */
  prefix?: string;
  /**
   * A command that has not answered by then fails with StoreUnavailableError
   * (a stopped or wedged Redis must not hold requests open). Default 1000 ms.
   */
  commandTimeoutMs?: number;
}

// Atomic read-modify-write steps run inside Redis as Lua: no read-then-write race between instances.
const COMPARE_AND_SET = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0`;
// The window starts with the first increment: the expiry is set only then.
const INCREMENT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;

/**
 * The store for several BFF instances on one Redis (≥ 6.2): limits, the
 * per-provider QPS pacing, idempotency records, orders and the webhook
 * outbox (a sorted set scored by due time) are shared; expiry is Redis's own.
 * Every failure to reach Redis surfaces as StoreUnavailableError (→ 503).
 */
export class RedisStore implements Store {
  readonly shared = true;
  readonly ordered: boolean;
  readonly #send: RedisCommand;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #shas = new Map<string, Promise<string>>();
  readonly #close: (() => Promise<void>) | undefined;

  constructor(send: RedisCommand, options: RedisStoreOptions & { close?: () => Promise<void> } = {}) {
    this.#send = send;
    this.#prefix = options.prefix ?? 'cardbind:';
    this.ordered = options.ordered ?? true;
    this.#timeoutMs = options.commandTimeoutMs ?? 1000;
    this.#close = options.close;
  }

  async #call(args: string[]): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError('redis: no answer in time')), this.#timeoutMs);
    });
    try {
      return await Promise.race([this.#send(args), timeout]);
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      // A script Redis has forgotten (it restarted) is the one reply error worth a retry.
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) throw new NoScript();
      // The client's errors (connection closed, offline queue off, …) name no data of ours; keep only the kind.
      throw new StoreUnavailableError(`redis: ${error instanceof Error ? error.name : 'error'}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** EVALSHA, sending the script itself only when Redis does not have it yet. */
  async #script(source: string, key: string, args: string[]): Promise<unknown> {
    let sha = this.#shas.get(source);
    if (!sha) {
      sha = digest('SHA-1', source).then(toHex);
      this.#shas.set(source, sha);
    }
    const evalArgs = ['1', this.#prefix + key, ...args];
    try {
      return await this.#call(['EVALSHA', await sha, ...evalArgs]);
    } catch (error) {
      if (!(error instanceof NoScript)) throw error;
      return this.#call(['EVAL', source, ...evalArgs]);
    }
  }

  async get(key: string) {
    const value = await this.#call(['GET', this.#prefix + key]);
    return typeof value === 'string' ? value : undefined;
  }

  async set(key: string, value: string, ttlMs: number) {
    await this.#call(['SET', this.#prefix + key, value, 'PX', ms(ttlMs)]);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    return (await this.#call(['SET', this.#prefix + key, value, 'PX', ms(ttlMs), 'NX'])) === 'OK';
  }

  async compareAndSet(key: string, expected: string, next: string, ttlMs: number) {
    return Number(await this.#script(COMPARE_AND_SET, key, [expected, next, ms(ttlMs)])) === 1;
  }

  async take(key: string) {
    const value = await this.#call(['GETDEL', this.#prefix + key]);
    return typeof value === 'string' ? value : undefined;
  }

  async increment(key: string, ttlMs: number) {
    return Number(await this.#script(INCREMENT, key, [ms(ttlMs)]));
  }

  async delete(key: string) {
    await this.#call(['DEL', this.#prefix + key]);
  }

  async schedule(queue: string, member: string, dueAt: number) {
    await this.#call(['ZADD', `${this.#prefix}queue:${queue}`, String(Math.floor(dueAt)), member]);
  }

  async due(queue: string, upTo: number, limit: number) {
    const members = await this.#call([
      'ZRANGEBYSCORE',
      `${this.#prefix}queue:${queue}`,
      '-inf',
      String(Math.floor(upTo)),
      'LIMIT',
      '0',
      String(limit),
    ]);
    return Array.isArray(members) ? members.map(String) : [];
  }

  async unschedule(queue: string, member: string) {
    await this.#call(['ZREM', `${this.#prefix}queue:${queue}`, member]);
  }

  index(queue: string, member: string, at: number) {
    return this.schedule(queue, member, at);
  }

  async range(queue: string, from: number, to: number, limit: number, after?: string) {
    const key = `${this.#prefix}queue:${queue}`;
    const [min, max] = [Math.ceil(from), Math.floor(to)];
    // Ties come in member order; those up to `after` at the first score were on the last page.
    const members: string[] = [];
    const batch = limit + 16;
    for (let offset = 0; ; offset += batch) {
      const page = await this.#call([
        'ZRANGEBYSCORE',
        key,
        String(min),
        String(max),
        'WITHSCORES',
        'LIMIT',
        String(offset),
        String(batch),
      ]);
      // RESP3 answers [member, score] pairs, RESP2 one flat list.
      const flat = Array.isArray(page) ? page.flat().map(String) : [];
      for (let i = 0; i < flat.length; i += 2) {
        const member = flat[i] as string;
        if (after !== undefined && Number(flat[i + 1]) === min && member <= after) continue;
        members.push(member);
        if (members.length === limit) return members;
      }
      if (flat.length < batch * 2) return members;
    }
  }

  async trim(queue: string, before: number) {
    await this.#call(['ZREMRANGEBYSCORE', `${this.#prefix}queue:${queue}`, '-inf', `(${Math.ceil(before)}`]);
  }

  async close() {
    await this.#close?.();
  }
}

const ms = (ttlMs: number) => String(Math.max(1, Math.ceil(ttlMs)));

class NoScript extends Error {}
