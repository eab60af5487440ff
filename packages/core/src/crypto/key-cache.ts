/**
 * A small memo for imported or derived WebCrypto keys: importing a key costs
 * more than the HMAC it is used for. Bounded; the oldest entry goes first.
 */
export class KeyCache<V> {
  readonly #entries = new Map<string, V>();
  readonly #limit: number;

  constructor(limit = 32) {
    this.#limit = limit;
  }

  get(key: string, create: () => V): V {
    let value = this.#entries.get(key);
    if (value === undefined) {
      value = create();
      if (this.#entries.size >= this.#limit) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
      this.#entries.set(key, value);
    }
    return value;
  }
}
