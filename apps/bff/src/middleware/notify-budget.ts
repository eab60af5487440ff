import type { Guard } from '../http/route.js';
import { Refusal } from '../refusals.js';

/**
 * At most `limits.notificationsPerSecond` notifications reach decryption on this instance, from
 * whoever: a flood of forged ones costs the flood's sender a 503, not the cardholders'
 * verifications their CPU. Providers retry a notification that is not acknowledged, so a real
 * one refused here arrives again.
 */
export const notifyBudget: Guard = {
  refusals: ['NOTIFY_BUSY'],
  create(deps) {
    const budget = new LocalBudget(deps.config.limits.notificationsPerSecond, deps.now);
    return async (_c, next) => {
      if (!budget.take()) throw new Refusal('NOTIFY_BUSY', { retryAfter: 1 });
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
  readonly #perSecond: number;
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
  take(): boolean {
    const now = this.#now();
    this.#tokens = Math.min(this.#perSecond, this.#tokens + ((now - this.#at) / 1000) * this.#perSecond);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
