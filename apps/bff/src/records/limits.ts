import { Refusal, type RefusalCode } from '../refusals.js';
import { keys } from '../store/keys.js';
import type { Store } from '../store/types.js';

const DAY = 86_400_000;

/** A limit: what it counts (a name of store/keys.ts limitNames), how many in a window, the refusal past it. */
export interface Limit {
  name: string;
  max: number;
  windowMs: number;
  code: RefusalCode;
}

/** The limit's count key in the window `now` falls in, and its refusal, which says when that window ends. */
function windowOf(limit: Limit, now: number) {
  const window = Math.floor(now / limit.windowMs);
  const retryAfter = Math.ceil(((window + 1) * limit.windowMs - now) / 1000);
  return { key: keys.limit(limit.name, window), refusal: () => new Refusal(limit.code, { retryAfter }) };
}

/** Counts one attempt against `limit`; refuses once it is exceeded. */
export async function consume(store: Store, limit: Limit, now: number): Promise<void> {
  const { key, refusal } = windowOf(limit, now);
  if ((await store.increment(key, limit.windowMs)) > limit.max) throw refusal();
}

/** Refuses if `limit` is already used up in this window, without counting. */
export async function ensureBelow(store: Store, limit: Limit, now: number): Promise<void> {
  const { key, refusal } = windowOf(limit, now);
  if (Number((await store.get(key)) ?? 0) >= limit.max) throw refusal();
}

export const DAY_MS = DAY;
