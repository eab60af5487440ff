/**
 * Remembers nonces for as long as their timestamps are acceptable, so a
 * replayed request is refused. Expired entries are dropped as it goes.
 */
export class ReplayGuard {
  readonly #seen = new Map<string, number>();
  readonly #windowMs: number;

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  /** True the first time a key is seen within the window. */
  firstUse(key: string, now: number): boolean {
    for (const [k, expiry] of this.#seen) {
      if (expiry > now) break;
      this.#seen.delete(k);
    }
    if (this.#seen.has(key)) return false;
    this.#seen.set(key, now + this.#windowMs);
    return true;
  }
}
