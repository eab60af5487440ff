/** A fixed one-second window per key: the provider's documented QPS limit. */
export class RateWindow {
  readonly #counts = new Map<string, { second: number; count: number }>();
  readonly #perSecond: number;

  constructor(perSecond: number) {
    this.#perSecond = perSecond;
  }

  allow(key: string, now: number): boolean {
    const second = Math.floor(now / 1000);
    const entry = this.#counts.get(key);
    if (!entry || entry.second !== second) {
      this.#counts.set(key, { second, count: 1 });
      return true;
    }
    entry.count++;
    return entry.count <= this.#perSecond;
  }
}
