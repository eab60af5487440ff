import type { Logger } from '@cardbind/core/contract';
import { notPii } from '@cardbind/core/pii';
import { keys } from '../store/keys.js';
import type { Store } from '../store/types.js';

export interface BreakerOptions {
  /** Consecutive unavailable answers that open a provider's circuit. */
  failures: number;
  /** How long it stays open. */
  openMs: number;
}

/**
 * Each provider's circuit breaker, in the store (shared by every instance on a shared store):
 * after `failures` unavailable answers in a row its circuit opens for `openMs`, and no call is
 * sent to it meanwhile.
 */
export class CircuitBreaker {
  readonly #store: Store;
  readonly #logger: Logger;
  readonly #options: BreakerOptions;
  /** Providers with a failure count this instance wrote and no success has cleared since. */
  readonly #failing = new Set<string>();

  constructor(store: Store, logger: Logger, options: BreakerOptions = { failures: 5, openMs: 30_000 }) {
    this.#store = store;
    this.#logger = logger;
    this.#options = options;
  }

  async isOpen(provider: string): Promise<boolean> {
    return (await this.#store.get(keys.breakerOpen(provider))) !== undefined;
  }

  /** Counts a call's answer: an unavailable one towards opening the circuit, any other resets the count. */
  async record(provider: string, unavailable: boolean): Promise<void> {
    const key = keys.breakerFailures(provider);
    if (!unavailable) {
      // A success resets the count. On a store of this process alone, the count is known to be
      // absent unless a failure was recorded here, and then nothing is written.
      if (this.#store.shared || this.#failing.delete(provider)) await this.#store.delete(key);
      return;
    }
    this.#failing.add(provider);
    const failures = await this.#store.increment(key, this.#options.openMs);
    if (failures >= this.#options.failures) {
      await this.#store.set(keys.breakerOpen(provider), '1', this.#options.openMs);
      await this.#store.delete(key);
      this.#logger.warn('provider.circuit_open', { provider: notPii(provider) });
    }
  }
}
