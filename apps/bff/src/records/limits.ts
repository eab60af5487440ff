import { Refusal, type RefusalCode } from '../refusals.js';
import { keys } from '../store/keys.js';
import type { Store } from '../store/types.js';

const DAY = 86_400_000;

const retryAfter = (window: number, windowMs: number, now: number) => Math.ceil(((window + 1) * windowMs - now) / 1000);

/** Counts one attempt against the limit `name` (store/keys.ts limitNames); refuses with `code` once it is exceeded. */
export async function consume(
  store: Store,
  name: string,
  limit: number,
  windowMs: number,
  code: RefusalCode,
  now: number,
): Promise<void> {
  const window = Math.floor(now / windowMs);
  const count = await store.increment(keys.limit(name, window), windowMs);
  if (count > limit) throw new Refusal(code, { retryAfter: retryAfter(window, windowMs, now) });
}

/** Throws the limit's error if `name` has already used up `limit` in this window, without counting. */
export async function ensureBelow(
  store: Store,
  name: string,
  limit: number,
  windowMs: number,
  code: RefusalCode,
  now: number,
): Promise<void> {
  const window = Math.floor(now / windowMs);
  const count = Number((await store.get(keys.limit(name, window))) ?? 0);
  if (count >= limit) throw new Refusal(code, { retryAfter: retryAfter(window, windowMs, now) });
}

export const DAY_MS = DAY;
