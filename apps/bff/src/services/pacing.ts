import type { Store } from '../store/types.js';

/**
 * A provider's calls-per-second cap, shared by every instance through the
 * store: the second is cut into slots holding a twentieth of the cap (for a
 * cap of 20, 50 ms slots of one call), counted with the store's atomic
 * increment.
 * A counter per wall-clock second would let a second's calls bunch at its end
 * and the next second's at its start: up to twice the cap within one second
 * at the provider, which a sliding-window limiter there refuses. With slots,
 * any one-second window spans at most one slot more than a second does, so it
 * sees at most 105% of the cap (a cap under 20: one call more), leaving room
 * for network jitter within 10%. Built on `increment` alone: one round trip
 * and no compare-and-set retries, however many instances race for a slot.
 */
export async function admitPaced(store: Store, key: string, perSecond: number, now: () => number): Promise<boolean> {
  const perSlot = Math.max(1, Math.floor(perSecond / 20));
  const slotMs = (1000 * perSlot) / perSecond;
  const slot = Math.floor(now() / slotMs);
  return (await store.increment(`${key}:${slot}`, Math.ceil(slotMs) + 1000)) <= perSlot;
}
