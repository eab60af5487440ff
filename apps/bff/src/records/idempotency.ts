import { type Store, StoreUnavailableError } from '../store/types.js';
import type { Answer, IdempotentRequest, Reply, StoredAnswer } from './idempotent-request.js';

export type { Answer, IdempotentRequest, Reply, Steps, StoredAnswer } from './idempotent-request.js';

let processId: string | undefined;
/**
 * This process, as the owner of the claims it makes. A store only one process can open (LevelDB,
 * memory) holds no live claim of any other: a claim by another owner there was left by a process
 * that died. (Made on first use: Workers allow no random values at start-up.)
 */
export function thisProcess(): string {
  processId ??= crypto.randomUUID();
  return processId;
}

/**
 * A claim's lease beyond the longest its provider calls can take: time for the store calls before
 * and after them (each answers or fails within a second), and for clock skew between instances.
 */
export const LEASE_MARGIN_MS = 5_000;

/** Why a request cannot run under its key now. */
export class IdempotencyConflict extends Error {
  override readonly name = 'IdempotencyConflict';
  constructor(
    /** `reused`: the key holds another body's request. `in_progress`: its owner is still at work. */
    readonly reason: 'reused' | 'in_progress',
    /** Seconds until the owner's lease runs out, for `in_progress`. */
    readonly retryAfter = 1,
  ) {
    super(reason === 'reused' ? 'the key was used with another body' : 'the key is held by a request in progress');
  }
}

/** An answer as the key keeps it: its body, or where the body is. */
type KeptAnswer = { status: number; body: unknown } | { status: number; ref: string };

interface Claim<P> {
  owner: string;
  leaseUntil: number;
  pending: P;
}

/**
 * What the key holds: a claim, an answer, or a release (the owner failed before any foreign call:
 * the key is free again). `"in-progress"` is a claim written before claims had owners and leases.
 */
type KeyRecord<P> =
  | { fp: string; claim: Claim<P> }
  | { fp: string; answer: KeptAnswer | '"in-progress"' }
  | { released: true };

const RELEASED = JSON.stringify({ released: true } satisfies KeyRecord<never>);
/** Races lost in a row (another request took, released or resolved the key each time) before giving up. */
const MAX_RACES = 5;

/**
 * Idempotency keys, after Stripe's design: the key is claimed in the store (durably: it survives
 * the process being killed) before anything abroad can change, with the owner and a lease; the
 * same key and body get the stored answer and no second foreign call; another body is refused.
 *
 * A request that finds the key claimed waits for the owner (`in_progress`) while the owner lives
 * and its lease runs. Once the owner is known dead (a store only one process opens, claimed by an
 * earlier process) or its lease is over, the request answers what is known (`inDoubt`) and that
 * answer becomes the key's: a provider that may have been called (and billed) is not called again
 * in silence.
 */
export class IdempotencyKeys {
  readonly #store: Store;
  readonly #now: () => number;
  readonly #owner: string | undefined;

  constructor(store: Store, now: () => number, owner?: string) {
    this.#store = store;
    this.#now = now;
    this.#owner = owner;
  }

  async run<P, R extends Reply>(request: IdempotentRequest<P, R>): Promise<Answer<R>> {
    const { key, ttlMs, fingerprint } = request;
    for (let race = 0; race < MAX_RACES; race++) {
      const claim = this.#claim(request);
      if (await this.#claimed(request, claim, race === 0)) return this.#own(request, claim);
      const raw = await this.#store.get(key);
      if (raw === undefined) continue; // expired in between
      const found = parse<P>(raw);
      if ('released' in found) {
        if (await this.#store.compareAndSet(key, raw, claim.raw, ttlMs)) return this.#own(request, claim);
        continue;
      }
      if ('answer' in found) {
        if (found.fp !== fingerprint) throw new IdempotencyConflict('reused');
        if (found.answer === '"in-progress"') throw new IdempotencyConflict('in_progress');
        return this.#replay(request, found.answer);
      }
      const held = found.claim;
      if (this.#alive(held)) {
        if (found.fp !== fingerprint) throw new IdempotencyConflict('reused');
        throw new IdempotencyConflict('in_progress', Math.max(1, Math.ceil((held.leaseUntil - this.#now()) / 1000)));
      }
      // Its owner is gone: what it left is settled first, whatever this request's body.
      const known = await request.inDoubt(held.pending);
      if (known === undefined) {
        // Nothing abroad was touched: the key is free, and this request's work runs under it.
        if (await this.#store.compareAndSet(key, raw, claim.raw, ttlMs)) return this.#own(request, claim);
        continue;
      }
      // What the answer refers to goes first: a replay must find it.
      await known.alongside;
      const settled = answerRecord(request, known, found.fp);
      if (!(await this.#store.compareAndSet(key, raw, settled, ttlMs))) continue;
      if (found.fp !== fingerprint) throw new IdempotencyConflict('reused');
      return { ...answerOf(known), replayed: false };
    }
    throw new IdempotencyConflict('in_progress');
  }

  /** Writes the claim if the key is free; the first time, beside the request's admission (see `admitted`). */
  async #claimed<P, R extends Reply>(
    request: IdempotentRequest<P, R>,
    claim: { raw: string },
    first: boolean,
  ): Promise<boolean> {
    const { key, ttlMs } = request;
    const written = this.#store.setIfAbsent(key, claim.raw, ttlMs);
    if (!first || !request.admitted) return written;
    const [won, admitted] = await Promise.allSettled([written, request.admitted]);
    if (admitted.status === 'fulfilled') {
      if (won.status === 'rejected') throw won.reason;
      return won.value;
    }
    if (won.status === 'fulfilled' && won.value) await this.#release(key, claim.raw, ttlMs);
    throw admitted.reason;
  }

  /** Frees a key this request claimed and touched nothing abroad under (unless another holds it by now). */
  async #release(key: string, claimRaw: string, ttlMs: number): Promise<void> {
    await this.#store.compareAndSet(key, claimRaw, RELEASED, ttlMs).catch(() => false);
  }

  /** A claim of this process's, leased from now. */
  #claim<P, R extends Reply>(request: IdempotentRequest<P, R>): { raw: string; leaseUntil: number } {
    const leaseUntil = this.#now() + request.leaseMs;
    const record: KeyRecord<P> = {
      fp: request.fingerprint,
      claim: { owner: this.#owner ?? thisProcess(), leaseUntil, pending: request.pending },
    };
    return { raw: JSON.stringify(record), leaseUntil };
  }

  #alive(claim: Claim<unknown>): boolean {
    if (claim.leaseUntil <= this.#now()) return false;
    return this.#store.shared || claim.owner === (this.#owner ?? thisProcess());
  }

  /** Runs the work under the claim, and puts its answer in the claim's place. */
  async #own<P, R extends Reply>(
    request: IdempotentRequest<P, R>,
    claim: { raw: string; leaseUntil: number },
  ): Promise<Answer<R>> {
    const { key, ttlMs } = request;
    let foreign = false;
    let answer: StoredAnswer<R>;
    try {
      answer = await request.work({
        foreignCall: () => {
          foreign = true;
        },
        leaseUntil: claim.leaseUntil,
      });
    } catch (error) {
      // Nothing abroad changed: the key is free again (unless someone else holds it by now).
      if (!foreign) await this.#release(key, claim.raw, ttlMs);
      throw error;
    }
    const { alongside } = answer;
    // Another instance may replay as soon as the answer is readable: what it refers to (a record,
    // a ticket) must be there by then. A store that applies writes in the order they are sent
    // takes the answer right behind them, in the same round trip; another shared store gets it
    // once they are answered. A store only this process opens decides all at once (one batch).
    if (this.#store.shared && !this.#store.ordered) await alongside;
    const kept = answerRecord(request, answer);
    const [answered, written] = await Promise.allSettled([
      this.#store.compareAndSet(key, claim.raw, kept, ttlMs),
      alongside,
    ]);
    if (written.status === 'rejected') {
      // A write the answer refers to failed after the answer went in behind it: the claim is put
      // back (what is known is then settled as for a claim whose owner died), and the error told.
      if (answered.status === 'fulfilled' && answered.value) {
        await this.#store.compareAndSet(key, kept, claim.raw, ttlMs).catch(() => false);
      }
      throw written.reason;
    }
    if (answered.status === 'rejected') throw answered.reason;
    if (answered.value) return { ...answerOf(answer), replayed: false };
    // The lease ran out before the answer was kept, and a retry answered in its place: the key
    // has one answer, and it is that one.
    const raw = await this.#store.get(key);
    const found = raw === undefined ? undefined : parse<P>(raw);
    if (found && 'answer' in found && typeof found.answer === 'object') return this.#replay(request, found.answer);
    throw new IdempotencyConflict('in_progress');
  }

  /** A kept answer: the key holds only what its request's work (or `inDoubt`) answered, so it is one of those. */
  async #replay<P, R extends Reply>(request: IdempotentRequest<P, R>, answer: KeptAnswer): Promise<Answer<R>> {
    if (!('ref' in answer)) return { ...answer, replayed: true } as Answer<R>;
    const body = await request.resolve?.(answer.ref);
    // Written in the same batch as the reference, and kept longer: gone only if the store lost it.
    if (body === undefined) throw new StoreUnavailableError(`the answer's record ${answer.ref} is missing`);
    return { status: answer.status, body, replayed: true } as Answer<R>;
  }
}

/** The answer itself, without how it is kept. */
function answerOf<R extends Reply>({ alongside: _writes, ref: _ref, ...answer }: StoredAnswer<R>): R {
  return answer as unknown as R;
}

/** The key's answer to the body whose fingerprint is `fp` (the request's own by default). */
function answerRecord<P, R extends Reply>(
  request: IdempotentRequest<P, R>,
  { status, body, ref }: StoredAnswer<R>,
  fp = request.fingerprint,
) {
  const kept: KeptAnswer = ref !== undefined && request.resolve ? { status, ref } : { status, body };
  return JSON.stringify({ fp, answer: kept } satisfies KeyRecord<P>);
}

/** A record of the key; anything else there (a marker from before records, `'1'`) matches no body. */
function parse<P>(raw: string): KeyRecord<P> {
  try {
    const record = JSON.parse(raw) as KeyRecord<P> | null;
    if (record && typeof record === 'object') return record;
  } catch {}
  return { fp: '', answer: '"in-progress"' };
}
