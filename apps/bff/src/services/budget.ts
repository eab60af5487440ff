/**
 * A token bucket kept in this process: `perSecond` refill, one second of
 * burst. For work that costs this instance's CPU whoever asks for it (RSA
 * decryption of notifications), so it is local on purpose: each instance
 * protects its own event loop.
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
