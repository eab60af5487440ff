import { ApiError, type ApiErrorCode } from '../errors.js';
import type { Store } from '../store/types.js';

const DAY = 86_400_000;

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
  const count = await store.increment(`limit:${key}:${window}`, windowMs);
  if (count > limit) throw new ApiError(code, { retryAfter: Math.ceil(((window + 1) * windowMs - now) / 1000) });
}

export const DAY_MS = DAY;
