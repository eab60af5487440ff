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

/**
 * Idempotency-Key handling: the same key and body get the stored answer and
 * no second provider call; another body under the key is a 409. The key is
 * claimed atomically before the work starts, so two racing requests cannot
 * both call the provider. The body is identified by a keyed fingerprint,
 * never stored in clear.
 */
export async function withIdempotency(
  store: Store,
  scope: string,
  key: string,
  bodyFingerprint: string,
  work: () => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  const recordKey = `idem:${scope}:${key}`;
  const claim = JSON.stringify({ fp: bodyFingerprint, answer: IN_PROGRESS });
  if (!(await store.setIfAbsent(recordKey, claim, TTL))) {
    const record = JSON.parse((await store.get(recordKey)) ?? '{}') as { fp?: string; answer?: unknown };
    if (record.fp !== bodyFingerprint) throw new ApiError('IDEMPOTENCY_KEY_REUSED');
    if (record.answer === IN_PROGRESS) throw new ApiError('IDEMPOTENCY_IN_PROGRESS', { retryAfter: 1 });
    return { ...(record.answer as StoredAnswer), replayed: true };
  }
  try {
    const { alongside, ...answer } = await work();
    await Promise.all([store.set(recordKey, JSON.stringify({ fp: bodyFingerprint, answer }), TTL), alongside]);
    return { ...answer, replayed: false };
  } catch (error) {
    // Nothing was answered: free the key so the client can retry.
    await store.delete(recordKey);
    throw error;
  }
}
