import type { Store } from '../store/types.js';

/** How long a call may wait for a free slot before it goes to the next provider. */
export const MAX_PACING_WAIT_MS = 200;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A provider's calls-per-second cap, shared by every instance through the
 * store: the second is cut into slots holding a twentieth of the cap (for a
 * cap of 20, 50 ms slots of one call), counted with the store's atomic
 * increment. A counter per wall-clock second would let a second's calls bunch
 * at its end and the next second's at its start: up to twice the cap within
 * one second at the provider, which a sliding-window limiter there refuses.
 * With slots, any one-second window spans at most one slot more than a second
 * does, so it sees at most 105% of the cap (a cap under 20: one call more).
 *
 * A call whose slot is taken books the next free one within
 * MAX_PACING_WAIT_MS and waits for it, so a short burst under the cap is
 * spread out rather than refused; only when those are full is the provider
 * over its cap. One increment per slot tried, no compare-and-set retries.
 */
export async function admitPaced(
  store: Store,
  slotKey: (slot: number) => string,
  perSecond: number,
  now: () => number,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<boolean> {
  const perSlot = Math.max(1, Math.floor(perSecond / 20));
  const slotMs = (1000 * perSlot) / perSecond;
  const start = now();
  const last = Math.floor((start + MAX_PACING_WAIT_MS) / slotMs);
  for (let slot = Math.floor(start / slotMs); slot <= last; slot++) {
    // The counter lives until its slot is over.
    const ttl = Math.ceil((slot + 1) * slotMs - start) + 1000;
    if ((await store.increment(slotKey(slot), ttl)) <= perSlot) {
      const until = slot * slotMs - now();
      if (until > 0) await wait(until);
      return true;
    }
  }
  return false;
}
