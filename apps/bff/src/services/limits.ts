import { ApiError, type ApiErrorCode } from '../errors.js';
import type { Store } from '../store/types.js';

const DAY = 86_400_000;

const windowKey = (key: string, window: number) => `limit:${key}:${window}`;
const retryAfter = (window: number, windowMs: number, now: number) => Math.ceil(((window + 1) * windowMs - now) / 1000);

/** Counts one attempt against a limit; throws the limit's error once it is exceeded. */
export async function consume(
  store: Store,
  key: string,
  limit: number,
  windowMs: number,
  code: ApiErrorCode,
  now: number,
): Promise<void> {
  const window = Math.floor(now / windowMs);
  const count = await store.increment(windowKey(key, window), windowMs);
  if (count > limit) throw new ApiError(code, { retryAfter: retryAfter(window, windowMs, now) });
}

/** Throws the limit's error if `key` has already used up `limit` in this window, without counting. */
export async function ensureBelow(
  store: Store,
  key: string,
  limit: number,
  windowMs: number,
  code: ApiErrorCode,
  now: number,
): Promise<void> {
  const window = Math.floor(now / windowMs);
  const count = Number((await store.get(windowKey(key, window))) ?? 0);
  if (count >= limit) throw new ApiError(code, { retryAfter: retryAfter(window, windowMs, now) });
}

export const DAY_MS = DAY;
