import { ApiError } from '../errors.js';
import { type Store, StoreUnavailableError } from '../store/types.js';

const TTL = 24 * 3600_000;
const IN_PROGRESS = '"in-progress"';

export interface StoredAnswer {
  status: number;
  body: unknown;
  /**
   * Writes the answer depends on (not stored with it): awaited together with the
   * answer's own write, so a store that batches can commit them at once.
   */
  alongside?: Promise<unknown>;
  /**
   * Where the body is already kept (a record among the `alongside` writes): the key then
   * stores this reference instead of a second copy, and a replay reads the body back
   * through `IdempotencyStores.resolve`.
   */
  ref?: string;
}

/** Where an Idempotency-Key's answers and in-progress claims are kept. */
export interface IdempotencyStores {
  /** Holds the answers (24 h). */
  store: Store;
  /**
   * Holds the in-progress claims: the store itself when it is shared; this
   * process's memory when only this process can open the store. A claim then
   * costs no disk write, and a crash mid-request leaves no stale claim behind
   * (the client's retry runs again, as no answer was given).
   */
  claims: Store;
  /** Reads back the body of an answer stored by reference; undefined if it is gone. */
  resolve?: (ref: string) => Promise<unknown>;
}

/** What a request under the key gets: the answer, and whether it was replayed. */
export interface Answer {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** An answer as the key keeps it: its body, or where the body is. */
type KeptAnswer = { status: number; body: unknown } | { status: number; ref: string };

/**
 * Idempotency-Key handling: the same key and body get the stored answer and
 * no second provider call; another body under the key is a 409. The key is
 * claimed atomically before the work starts, so two racing requests cannot
 * both call the provider. The body is identified by a keyed fingerprint,
 * never stored in clear.
 */
export async function withIdempotency(
  stores: IdempotencyStores,
  scope: string,
  key: string,
  bodyFingerprint: string,
  work: () => Promise<StoredAnswer>,
): Promise<Answer> {
  const { store, claims } = stores;
  const recordKey = `idem:${scope}:${key}`;
  const claim = JSON.stringify({ fp: bodyFingerprint, answer: IN_PROGRESS });
  if (!(await claims.setIfAbsent(recordKey, claim, TTL))) {
    return replay(stores, await claims.get(recordKey), bodyFingerprint);
  }
  let answered = false;
  try {
    // A claim held in memory says nothing of an answer already on disk: look there too.
    const stored = claims !== store ? await store.get(recordKey) : undefined;
    if (stored !== undefined) return await replay(stores, stored, bodyFingerprint);
    const { alongside, ref, status, body } = await work();
    const byRef = ref !== undefined && stores.resolve !== undefined;
    const kept: KeptAnswer = byRef ? { status, ref } : { status, body };
    // Another instance may replay as soon as the reference is readable: on a shared store the
    // record it names goes first. A store only this process opens decides both at once (one batch).
    if (byRef && store.shared) await alongside;
    await Promise.all([store.set(recordKey, JSON.stringify({ fp: bodyFingerprint, answer: kept }), TTL), alongside]);
    answered = true;
    return { status, body, replayed: false };
  } finally {
    // The claim goes: from memory always; from a shared store only when nothing was answered
    // (the answer took its place there), so that the client can retry.
    if (claims !== store || !answered) await claims.delete(recordKey);
  }
}

/** The answer stored under the key, or why there is none to give. */
async function replay(stores: IdempotencyStores, raw: string | undefined, bodyFingerprint: string): Promise<Answer> {
  const record = JSON.parse(raw ?? '{}') as { fp?: string; answer?: KeptAnswer | typeof IN_PROGRESS };
  if (record.fp !== bodyFingerprint) throw new ApiError('IDEMPOTENCY_KEY_REUSED');
  const answer = record.answer;
  if (answer === IN_PROGRESS || answer === undefined) {
    throw new ApiError('IDEMPOTENCY_IN_PROGRESS', { retryAfter: 1 });
  }
  if (!('ref' in answer)) return { ...answer, replayed: true };
  const body = await stores.resolve?.(answer.ref);
  // Written in the same batch as the reference, and kept longer: gone only if the store lost it.
  if (body === undefined) throw new StoreUnavailableError(`the answer's record ${answer.ref} is missing`);
  return { status: answer.status, body, replayed: true };
}
