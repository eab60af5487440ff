import type { Guard } from '../http/route.js';
import { Refusal } from '../refusals.js';

/**
 * At most `limits.notificationsPerSecond` notifications reach decryption on this instance, from
 * whoever: a flood of forged ones costs the flood's sender a 503, not the cardholders'
 * verifications their CPU. Providers retry a notification that is not acknowledged, so a real
 * one refused here arrives again. A provider without `notifyFrom` shares the budget fairly among
 * the addresses sending at the time, so that one sender cannot take every other's share; one with
 * it has the whole budget (the others are refused before this). Each refusal is noted in
 * `deps.notifications`, so that the orders waiting on a notification are reconciled at once.
 */
export const notifyBudget: Guard = {
  refusals: ['NOTIFY_BUSY'],
  create(deps) {
    const perSecond = deps.config.limits.notificationsPerSecond;
    const budget = new LocalBudget(perSecond, deps.now);
    const shares = new FairShares(perSecond, deps.now);
    return async (c, next) => {
      const provider = c.req.param('provider') ?? '';
      const fair = !deps.config.notifyFrom[provider];
      if ((fair && !shares.take(deps.clientIp(c) ?? '')) || !budget.take()) {
        deps.notifications.shedAt = deps.now();
        throw new Refusal('NOTIFY_BUSY', { retryAfter: 1 });
      }
      await next();
    };
  },
};

/**
 * A token bucket kept in this process: `perSecond` refill, one second of burst. For work that
 * costs this instance's CPU whoever asks for it (RSA decryption of notifications), so it is local
 * on purpose: each instance protects its own event loop.
 */
export class LocalBudget {
  #perSecond: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

  constructor(perSecond: number, now: () => number) {
    this.#perSecond = perSecond;
    this.#now = now;
    this.#tokens = perSecond;
    this.#at = now();
  }

  /** Takes one unit if there is one; false when the budget is spent for now. */
  take(perSecond = this.#perSecond): boolean {
    const now = this.#now();
    this.#perSecond = perSecond;
    this.#tokens = Math.min(Math.max(1, perSecond), this.#tokens + ((now - this.#at) / 1000) * perSecond);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** How long a sender counts as sending: a provider's notifications may come seconds apart. */
const ACTIVE_MS = 10_000;

/**
 * `perSecond` divided among the sources seen in the last ACTIVE_MS, each with a bucket of its
 * share: a source sending more than its share is refused the rest, and the share grows again as
 * the others stop. Sources unseen that long are forgotten (the map holds only the current ones).
 */
export class FairShares {
  readonly #perSecond: number;
  readonly #now: () => number;
  readonly #sources = new Map<string, { budget: LocalBudget; seen: number }>();
  #sweptAt = 0;

  constructor(perSecond: number, now: () => number) {
    this.#perSecond = perSecond;
    this.#now = now;
  }

  take(source: string): boolean {
    const now = this.#now();
    if (now - this.#sweptAt >= 1000) {
      for (const [key, entry] of this.#sources) if (now - entry.seen >= ACTIVE_MS) this.#sources.delete(key);
      this.#sweptAt = now;
    }
    let entry = this.#sources.get(source);
    if (!entry) {
      entry = { budget: new LocalBudget(this.#perSecond, this.#now), seen: now };
      this.#sources.set(source, entry);
    }
    entry.seen = now;
    return entry.budget.take(this.#perSecond / this.#sources.size);
  }
}
