import { ApiError } from '../errors.js';
import type { Store } from '../store/types.js';

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
}

/**
 * Idempotency-Key handling: the same key and body get the stored answer and
 * no second provider call; another body under the key is a 409. The key is
 * claimed atomically before the work starts, so two racing requests cannot
 * both call the provider. The body is identified by a keyed fingerprint,
 * never stored in clear.
 */
export async function withIdempotency(
  { store, claims }: IdempotencyStores,
  scope: string,
  key: string,
  bodyFingerprint: string,
  work: () => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  const recordKey = `idem:${scope}:${key}`;
  const claim = JSON.stringify({ fp: bodyFingerprint, answer: IN_PROGRESS });
  if (!(await claims.setIfAbsent(recordKey, claim, TTL))) return replay(await claims.get(recordKey), bodyFingerprint);
  let answered = false;
  try {
    // A claim held in memory says nothing of an answer already on disk: look there too.
    const stored = claims !== store ? await store.get(recordKey) : undefined;
    if (stored !== undefined) return replay(stored, bodyFingerprint);
    const { alongside, ...answer } = await work();
    await Promise.all([store.set(recordKey, JSON.stringify({ fp: bodyFingerprint, answer }), TTL), alongside]);
    answered = true;
    return { ...answer, replayed: false };
  } finally {
    // The claim goes: from memory always; from a shared store only when nothing was answered
    // (the answer took its place there), so that the client can retry.
    if (claims !== store || !answered) await claims.delete(recordKey);
  }
}

/** The answer stored under the key, or why there is none to give. */
function replay(raw: string | undefined, bodyFingerprint: string): StoredAnswer & { replayed: boolean } {
  const record = JSON.parse(raw ?? '{}') as { fp?: string; answer?: unknown };
  if (record.fp !== bodyFingerprint) throw new ApiError('IDEMPOTENCY_KEY_REUSED');
  if (record.answer === IN_PROGRESS) throw new ApiError('IDEMPOTENCY_IN_PROGRESS', { retryAfter: 1 });
  return { ...(record.answer as StoredAnswer), replayed: true };
}
