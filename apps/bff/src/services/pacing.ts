import type { Store } from '../store/types.js';

/**
 * A provider's calls-per-second cap, shared by every instance through the
 * store, as a GCRA (generic cell rate algorithm): each call books the next
 * slot, `1000 / perSecond` ms after the previous one, with a small burst
 * allowance. Unlike a counter per wall-clock second, it never lets a second's
 * calls bunch at its end and the next second's at its start (up to twice the
 * cap within one second at the provider, which a sliding-window limiter there
 * would refuse). The allowance is a tenth of the cap, so any one-second
 * window sees at most 110% of it.
 */
export async function admitPaced(store: Store, key: string, perSecond: number, now: () => number): Promise<boolean> {
  const interval = 1000 / perSecond;
  const tolerance = Math.floor(perSecond / 10) * interval;
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await store.get(key);
    const at = now();
    // The theoretical arrival time of the next call: in the past means the line is free.
    const next = Math.max(current === undefined ? 0 : Number(current), at);
    if (next - at > tolerance) return false;
    const booked = String(next + interval);
    const ttl = Math.ceil(next + interval - at + 1000);
    const won =
      current === undefined
        ? await store.setIfAbsent(key, booked, ttl)
        : await store.compareAndSet(key, current, booked, ttl);
    if (won) return true;
    // Another instance booked in between: look again.
  }
  return false;
}
